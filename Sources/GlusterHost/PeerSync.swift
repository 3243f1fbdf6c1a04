import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// After webhooks or config change in glusterd's shared files, what gluster-eventsapi's sync does:
/// copy the files to every node of the trusted pool (`gluster system:: copy file`, glusterd's own
/// file sync), and make this node's glustereventsd re-read them (SIGUSR2). eventsdash engines on
/// every node pick the files up by themselves within a second.
public enum PeerSync {
    /// One node's line of the result table.
    public struct NodeResult: Equatable, Sendable {
        /// As `gluster pool list` names it (`localhost` for this node).
        public var node: String
        public var up: Bool
        public var synced: Bool

        public init(node: String, up: Bool, synced: Bool) {
            self.node = node
            self.up = up
            self.synced = synced
        }
    }

    public struct Outcome: Sendable {
        public var nodes: [NodeResult]
        /// A file that could not be copied: which one, and glusterd's words.
        public var failure: (file: SharedFile, message: String)?
        /// What the user should know beyond the table.
        public var notes: [String]

        public init(nodes: [NodeResult], failure: (file: SharedFile, message: String)?, notes: [String]) {
            self.nodes = nodes
            self.failure = failure
            self.notes = notes
        }
    }

    public enum SharedFile: String, Sendable {
        case webhooks = "webhooks.json"
        case config = "config.json"
    }

    public static func sync(_ layout: StateLayout) -> Outcome {
        let thisNodeOnly = Outcome(nodes: [NodeResult(node: "localhost", up: true, synced: true)], failure: nil, notes: [])
        guard layout.sharesGlusterdFiles, let pool = gluster(["pool", "list"]) else { return thisNodeOnly }
        guard pool.status == 0 else {
            var outcome = thisNodeOnly
            outcome.notes = ["glusterd is not answering: the files were not copied to other nodes (run this again once it is up)"]
            return outcome
        }
        let peers = PeerList.peers(pool.output)
        for file in [SharedFile.webhooks, .config] {
            let path = (file == .webhooks ? layout.webhooksFile : layout.configFile)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let copy = copyFile("/events/" + file.rawValue)
            if copy.status != 0 {
                let nodes = peers.map { NodeResult(node: $0.hostname, up: $0.connected, synced: false) }
                return Outcome(
                    nodes: nodes, failure: (file, "[Error: \(copy.status)]\(copy.output)"), notes: advice(forFailedCopy: copy.output))
            }
        }
        var notes: [String] = []
        let down = peers.filter { !$0.connected }.map(\.hostname)
        if !down.isEmpty {
            notes.append("\(down.joined(separator: ", ")) missed this change: run `eventsdash sync` once \(down.count == 1 ? "it is" : "they are") up")
        }
        if let pid = GlustereventsdProcess.find() {
            kill(pid, SIGUSR2)  // glustereventsd re-reads webhooks and config on SIGUSR2
            notes.append("glustereventsd (pid \(pid)) re-read them")
        }
        if peers.contains(where: { !$0.isThisNode }) {
            notes.append(
                "glustereventsd on the other nodes re-reads them only when restarted (systemctl restart glustereventsd there):"
                    + " gluster 10's reload cannot find its pid; eventsdash engines there apply them within a second")
        }
        return Outcome(
            nodes: peers.map { NodeResult(node: $0.hostname, up: $0.connected, synced: $0.connected) }, failure: nil,
            notes: notes)
    }

    /// `gluster system:: copy file PATH`, tried again while glusterd is busy with another
    /// cluster-wide transaction (gluster-eventsapi syncing at the same moment, a volume operation):
    /// glusterd refuses at once rather than waiting its turn. Up to about 15 s in all.
    static func copyFile(_ path: String) -> (status: Int32, output: String) {
        var wait = 0.1
        var waited = 0.0
        while true {
            let copy = gluster(["system::", "copy", "file", path]) ?? (-1, "")
            guard copy.status != 0, isBusy(copy.output), waited < 15 else { return copy }
            Thread.sleep(forTimeInterval: wait)
            waited += wait
            wait = min(wait * 2, 2)
        }
    }

    /// Whether glusterd refused because another transaction holds its cluster lock.
    static func isBusy(_ output: String) -> Bool {
        output.contains("Another transaction is in progress") || output.contains("Locking failed on")
    }

    /// What to do about a copy glusterd could not make. A node where neither eventsdash nor
    /// gluster-eventsapi ever ran has no events folder (Debian's package does not ship it), and
    /// glusterd will not create it.
    static func advice(forFailedCopy message: String) -> [String] {
        guard message.contains("Unable to open"), message.contains("/events/") else { return [] }
        // glusterd's words: "Commit failed on HOST. Error: Unable to open …"
        let node = message.range(of: "failed on ").flatMap { start in
            message[start.upperBound...].range(of: ". ").map { String(message[start.upperBound..<$0.lowerBound]) }
        }
        return [
            "\(node ?? "a node") has no /var/lib/glusterd/events folder: run `eventsdash status` there once (it makes the folder),"
                + " or `mkdir /var/lib/glusterd/events` there; then `eventsdash sync` here"
        ]
    }

    /// Runs `gluster --mode=script ARGS` (killed after 30 s); nil where there is no gluster CLI.
    public static func gluster(_ arguments: [String]) -> (status: Int32, output: String)? {
        switch GlusterCLI.run(arguments, deadline: 30) {
        case .output(let output): return (0, output)
        case .failed(let status, let output): return (status, output)
        case .timedOut: return (-1, "the gluster CLI did not answer within 30 s")
        case .absent: return GlusterCLI.path.map { (-1, "cannot run \($0)") }
        }
    }
}
