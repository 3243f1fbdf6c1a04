import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// IP addresses as their bytes: 4 for IPv4, 16 for IPv6.
enum HostAddresses {
    /// Every address `host` (a name or a literal) resolves to; blocks on DNS for a name.
    static func resolve(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [[UInt8]] = []
        var entry = list
        while let info = entry?.pointee {
            if info.ai_family == AF_INET {
                let ip = info.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                addresses.append(withUnsafeBytes(of: ip) { Array($0) })
            } else if info.ai_family == AF_INET6 {
                let ip = info.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                addresses.append(withUnsafeBytes(of: ip) { Array($0) })
            }
            entry = info.ai_next
        }
        return addresses
    }

    /// A numeric IPv4 or IPv6 address; nil for anything else (a host name).
    static func numeric(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: v6) { Array($0) } }
        return nil
    }

    /// Whether the address is one of this machine's: only those can be bound.
    static func isLocal(_ address: [UInt8]) -> Bool {
        let family = address.count == 4 ? AF_INET : AF_INET6
        let socket = Glibc.socket(family, Int32(SOCK_DGRAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        func binds<SocketAddress>(_ socketAddress: SocketAddress) -> Bool {
            var socketAddress = socketAddress
            return withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<SocketAddress>.size)) }
            } == 0
        }
        if family == AF_INET {
            var ipv4 = sockaddr_in()
            ipv4.sin_family = sa_family_t(AF_INET)
            withUnsafeMutableBytes(of: &ipv4.sin_addr) { $0.copyBytes(from: address) }
            return binds(ipv4)
        }
        var ipv6 = sockaddr_in6()
        ipv6.sin6_family = sa_family_t(AF_INET6)
        withUnsafeMutableBytes(of: &ipv6.sin6_addr) { $0.copyBytes(from: address) }
        return binds(ipv6)
    }
}
