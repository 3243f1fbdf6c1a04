import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection for tests that must send what an HTTP client library would not: a head
/// without its body, headers a byte at a time, requests pipelined without reading the answers.
final class RawTCP {
    private let fd: Int32

    /// Connects to 127.0.0.1:`port`; reads and writes give up after `timeout` seconds.
    init(port: Int, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw ConnectFailure(errno: errno)
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    struct ConnectFailure: Error { let errno: Int32 }

    deinit { close(fd) }

    /// Sends all of `text`; false when the connection refused it (closed, reset, or the send timed out).
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// What arrives until the peer closes, `length` bytes came, or the timeout passes.
    func receive(atMost length: Int = 65536) -> (text: String, closed: Bool) {
        var buffer = [UInt8](repeating: 0, count: length)
        var received = 0
        while received < length {
            let n = buffer[received...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (String(decoding: buffer[..<received], as: UTF8.self), true) }
            if n < 0 { return (String(decoding: buffer[..<received], as: UTF8.self), errno == ECONNRESET) }
            received += n
            // An answer is whole once its body (Content-Length) is in.
            let text = String(decoding: buffer[..<received], as: UTF8.self)
            if let headEnd = text.range(of: "\r\n\r\n"),
                let lengthLine = text[..<headEnd.lowerBound].split(separator: "\r\n").first(where: {
                    $0.lowercased().hasPrefix("content-length:")
                }), let bodyLength = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
                text.utf8.count - text[..<headEnd.upperBound].utf8.count >= bodyLength
            {
                return (text, false)
            }
        }
        return (String(decoding: buffer[..<received], as: UTF8.self), false)
    }

    /// Whether the peer has closed the connection (waits up to the timeout for it).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        while true {
            let n = recv(fd, &byte, 1, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }
}

/// A process's resident memory, in MiB (from /proc), or nil when it is gone.
func residentMiB(of pid: Int32) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return nil }
    return kib / 1024
}
