/// An address the UDP receiver binds, e.g. `0.0.0.0:55555` or `[::1]:55555`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// glustereventsd's addresses: every IPv4 address, and IPv6 loopback.
    public static func defaults(port: Int) -> [ListenAddress] {
        [ListenAddress(host: "0.0.0.0", port: port), ListenAddress(host: "::1", port: port)]
    }

    /// Reads `HOST`, `HOST:PORT`, `[V6]:PORT` or `[V6]`; the port defaults to `defaultPort`.
    public static func parse(_ text: String, defaultPort: Int) -> ListenAddress? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return ListenAddress(host: host, port: defaultPort) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
            return ListenAddress(host: host, port: port)
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":") {
            guard let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
            return ListenAddress(host: String(text[..<colon]), port: port)
        }
        guard !text.isEmpty else { return nil }
        return ListenAddress(host: text, port: defaultPort)  // a hostname, IPv4, or bare IPv6
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
