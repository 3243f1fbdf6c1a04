import Foundation
import GlusterEvents
import GlusterHost
import Synchronization

/// Which nodes events came from (since the engine started), how many and when last, and their
/// host names from glusterd's peer list.
///
/// Node ids come from outside (HTTP ingest takes any sender's): at most `maxNodes` are counted
/// apart, so the table (and `engine.json`, rewritten every second) stays small; events from
/// further nodes are counted together under `overflowNode`.
final class Nodes: Sendable {
    static let maxNodes = 256
    /// The entry that counts the events of nodes beyond the first `maxNodes`.
    static let overflowNode = "(other nodes)"

    private struct Seen {
        var events = 0
        var lastMillis: Int64 = 0
    }

    private let seen = Mutex<[String: Seen]>([:])
    /// This node's id.
    private let localNode: String
    private let names = Mutex<[String: String]>([:])

    init(localNode: String) { self.localNode = localNode }

    /// Counts a batch (consecutive events from one node, the usual case, cost one update); events
    /// with no node id are this node's (`localNode`).
    func record(_ events: [ReceivedEvent]) {
        guard !events.isEmpty else { return }
        seen.withLock { seen in
            var index = events.startIndex
            while index < events.endIndex {
                let node = events[index].nodeID
                var end = index + 1
                while end < events.endIndex && events[end].nodeID == node { end += 1 }
                var id = node.isEmpty ? localNode : node
                if seen[id] == nil && seen.count >= Self.maxNodes { id = Self.overflowNode }
                seen[id, default: Seen()].events += end - index
                seen[id]!.lastMillis = events[end - 1].receivedAtMillis
                index = end
            }
        }
    }

    /// Asks glusterd for its peers' host names (`gluster pool list`; a few seconds at most).
    /// Call off the hot path: it runs a process.
    func refreshNames() {
        guard let pool = PeerSync.gluster(["pool", "list"]), pool.status == 0 else { return }
        let parsed = PeerList.parse(pool.output, localHostname: ProcessInfo.processInfo.hostName)
        names.withLock { $0 = parsed }
    }

    /// Every node heard from, and every named one, for the status.
    func snapshot() -> [String: NodeStatus] {
        let seen = seen.withLock { $0 }
        let names = names.withLock { $0 }
        var nodes: [String: NodeStatus] = [:]
        for id in Set(seen.keys).union(names.keys).union([localNode]) {
            let name =
                switch id {
                case Self.overflowNode: "beyond the first \(Self.maxNodes) nodes"
                case localNode: names[id.lowercased()] ?? ProcessInfo.processInfo.hostName
                default: names[id.lowercased()]
                }
            nodes[id] = NodeStatus(name: name, events: seen[id]?.events ?? 0, lastEventAtMillis: seen[id]?.lastMillis)
        }
        return nodes
    }

    /// Events from nodes beyond the first `maxNodes` (0 until the limit is reached).
    var overflowEvents: Int { seen.withLock { $0[Self.overflowNode]?.events ?? 0 } }
}

/// One node as `status` and the dashboard show it.
public struct NodeStatus: Sendable, Codable, Equatable {
    /// Its host name (glusterd's peer list; this node's own name), when known.
    public var name: String?
    /// Events from it since the engine started.
    public var events: Int
    /// When the newest of them arrived, in Unix milliseconds.
    public var lastEventAtMillis: Int64?

    public init(name: String?, events: Int, lastEventAtMillis: Int64?) {
        self.name = name
        self.events = events
        self.lastEventAtMillis = lastEventAtMillis
    }

    enum CodingKeys: String, CodingKey {
        case name, events
        case lastEventAtMillis = "last_event_at_ms"
    }
}
