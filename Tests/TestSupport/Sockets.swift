import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A UDP port that was free a moment ago (IPv4 and IPv6 loopback).
public func freePort() -> Int {
    while true {
        let fd = socket(AF_INET6, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        close(fd)
        let port = Int(UInt16(bigEndian: address.sin6_port))
        if port > 1024 { return port }
    }
}

/// Sends one raw datagram (for malformed input that `eventsdash send` would refuse to build).
public func sendRaw(_ text: String, port: Int, host: String = "127.0.0.1") { sendRaw(Array(text.utf8), port: port, host: host) }

/// Sends one raw datagram of `bytes`.
public func sendRaw(_ bytes: [UInt8], port: Int, host: String = "127.0.0.1") {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
    hints.ai_flags = AI_NUMERICHOST
    var info: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &info) == 0, let first = info else { return }
    defer { freeaddrinfo(info) }
    let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, 0)
    defer { close(fd) }
    _ = bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, first.pointee.ai_addr, first.pointee.ai_addrlen) }
}

/// A TCP port for a server a test starts later, below the kernel's ephemeral range (32768–60999 by
/// default): a connection attempt to a port in that range with nobody listening can connect to
/// itself and then hold the port.
public func freeTCPPortForLater() -> Int {
    while true {
        let port = Int.random(in: 20_000..<32_000)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        close(fd)
        if bound == 0 { return port }
    }
}

/// 127.0.0.1:`port` as a socket address.
public func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
}
