/// The trusted pool as `gluster pool list` prints it:
///
///     UUID                                    Hostname        State
///     4c10a802-8828-4a11-b79a-1ba06a18f9c0    localhost       Connected
///
/// glusterd lists this node as `localhost`.
public enum PeerList {
    public struct Peer: Equatable, Sendable {
        /// The node id, lower case.
        public var id: String
        public var hostname: String
        public var connected: Bool
        public var isThisNode: Bool { hostname == "localhost" }
    }

    public static func peers(_ text: String) -> [Peer] {
        text.split(separator: "\n").compactMap { line in
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard columns.count >= 2, columns[0].count == 36, columns[0].filter({ $0 == "-" }).count == 4 else { return nil }
            return Peer(
                id: String(columns[0]).lowercased(), hostname: String(columns[1]),
                connected: columns.count > 2 && columns[2] == "Connected")
        }
    }

    /// Node ids to host names, `localHostname` naming this node.
    public static func parse(_ text: String, localHostname: String) -> [String: String] {
        Dictionary(peers(text).map { ($0.id, $0.isThisNode ? localHostname : $0.hostname) }) { first, _ in first }
    }
}
