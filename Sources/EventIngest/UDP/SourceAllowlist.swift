import NIOCore

/// The UDP source addresses events are taken from (`--allow-from`): networks in CIDR form, single
/// addresses, or host names (resolved once, at start). Loopback is always allowed: this node's own
/// gluster processes send from it. A datagram from anywhere else is counted as rejected, unread.
public struct SourceAllowlist: Sendable, Equatable {
    /// A network: its address bytes (4 or 16) and how many leading bits must match.
    struct Network: Sendable, Equatable {
        var bytes: [UInt8]
        var prefixLength: Int

        func contains(_ address: UnsafeRawBufferPointer) -> Bool {
            guard address.count == bytes.count else { return false }
            var bits = prefixLength
            for (ours, theirs) in zip(bytes, address) where bits > 0 {
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if ours & mask != theirs & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    private(set) var networks: [Network]
    /// What the user gave, for messages and `status`.
    public let entries: [String]

    private static let loopback = [
        Network(bytes: [127, 0, 0, 0], prefixLength: 8), Network(bytes: Array(repeating: 0, count: 15) + [1], prefixLength: 128),
    ]

    /// Reads `ADDRESS`, `ADDRESS/BITS` or a host name per entry; throws naming the first bad one.
    public init(_ entries: [String]) throws(Problem) {
        self.entries = entries
        networks = Self.loopback
        for entry in entries {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let host = parts.first, !host.isEmpty else { throw Problem(entry: entry, reason: "empty") }
            if let literal = HostAddresses.numeric(host) {
                let maximum = literal.count * 8
                var length = maximum
                if parts.count == 2 {
                    guard let bits = Int(parts[1]), (0...maximum).contains(bits) else {
                        throw Problem(entry: entry, reason: "the prefix length must be 0 to \(maximum)")
                    }
                    length = bits
                }
                networks.append(Network(bytes: literal, prefixLength: length))
            } else {
                guard parts.count == 1 else { throw Problem(entry: entry, reason: "a prefix length needs a numeric address") }
                let resolved = HostAddresses.resolve(host)
                guard !resolved.isEmpty else { throw Problem(entry: entry, reason: "no such host") }
                networks += resolved.map { Network(bytes: $0, prefixLength: $0.count * 8) }
            }
        }
    }

    public struct Problem: Error, CustomStringConvertible {
        public let entry: String
        public let reason: String
        public var description: String { "--allow-from \(entry): \(reason)" }
    }

    /// Whether a datagram from `address` is taken. IPv4 senders on a dual-stack socket arrive as
    /// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) and are judged as IPv4.
    /// (Read in place: it is asked for every datagram.)
    public func allows(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4(let v4): return withUnsafeBytes(of: v4.address.sin_addr) { allows(bytes: $0) }
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { all in
                let mapped = all.prefix(10).allSatisfy { $0 == 0 } && all[10] == 0xFF && all[11] == 0xFF
                return allows(bytes: mapped ? UnsafeRawBufferPointer(rebasing: all[12...]) : all)
            }
        default: return false
        }
    }

    private func allows(bytes: UnsafeRawBufferPointer) -> Bool { networks.contains { $0.contains(bytes) } }
}
