import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One datagram out, over IPv4 or IPv6 as the host resolves.
enum UDPSender {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `bytes`; returns the address they went to (`::1`, `10.0.0.5`).
    @discardableResult
    static func send(_ bytes: [UInt8], host: String, port: Int) throws -> String {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            throw Failure(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "cannot open a UDP socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let sent = bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, first.pointee.ai_addr, first.pointee.ai_addrlen) }
        guard sent == bytes.count else {
            throw Failure(description: "cannot send to \(host):\(port): \(String(cString: strerror(errno)))")
        }
        var name = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(first.pointee.ai_addr, first.pointee.ai_addrlen, &name, socklen_t(name.count), nil, 0, NI_NUMERICHOST) == 0
        else { return host }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
