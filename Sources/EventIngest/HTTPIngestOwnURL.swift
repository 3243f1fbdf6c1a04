import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension HTTPIngestServer.Settings {
    /// Whether `url` reaches this HTTP ingest: its port is one the ingest listens on, its host
    /// resolves to an address of this machine that the ingest is bound to, and its path is one
    /// the ingest answers.
    ///
    /// On the node that gathers a pool's events, the gatherer's URL is one of the shared webhooks
    /// (peer sync puts it on every node); delivering to it there would log each of the node's own
    /// events twice. Resolves the host name: call it off the hot path.
    public func receives(url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", var host = components.host, !host.isEmpty,
            HTTPIngestServer.paths.contains(components.path.isEmpty ? "/" : components.path)
        else { return false }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let bound = addresses.filter { $0.port == port }
        guard !bound.isEmpty else { return false }
        let targets = Self.resolve(host)
        return bound.contains { address in
            let wildcard = address.host == "0.0.0.0" || address.host == "::"
            let boundTo = wildcard ? [] : Self.resolve(address.host)
            return targets.contains { target in
                wildcard ? Self.isLocal(target) && (address.host == "::" || target.family == AF_INET) : boundTo.contains(target)
            }
        }
    }

    /// A resolved address: its family and its bytes (port left out).
    private struct Address: Equatable {
        var family: Int32
        var bytes: [UInt8]
    }

    private static func resolve(_ host: String) -> [Address] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [Address] = []
        var entry = list
        while let info = entry?.pointee {
            switch info.ai_family {
            case AF_INET:
                var ip = info.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                addresses.append(Address(family: AF_INET, bytes: withUnsafeBytes(of: &ip) { Array($0) }))
            case AF_INET6:
                var ip = info.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                addresses.append(Address(family: AF_INET6, bytes: withUnsafeBytes(of: &ip) { Array($0) }))
            default: break
            }
            entry = info.ai_next
        }
        return addresses
    }

    /// Whether the address is one of this machine's: only those can be bound.
    private static func isLocal(_ address: Address) -> Bool {
        let socket = Glibc.socket(address.family, Int32(SOCK_DGRAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        func binds<SocketAddress>(_ socketAddress: SocketAddress) -> Bool {
            var socketAddress = socketAddress
            return withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<SocketAddress>.size)) }
            } == 0
        }
        if address.family == AF_INET {
            var ipv4 = sockaddr_in()
            ipv4.sin_family = sa_family_t(AF_INET)
            withUnsafeMutableBytes(of: &ipv4.sin_addr) { $0.copyBytes(from: address.bytes) }
            return binds(ipv4)
        }
        var ipv6 = sockaddr_in6()
        ipv6.sin6_family = sa_family_t(AF_INET6)
        withUnsafeMutableBytes(of: &ipv6.sin6_addr) { $0.copyBytes(from: address.bytes) }
        return binds(ipv6)
    }
}
