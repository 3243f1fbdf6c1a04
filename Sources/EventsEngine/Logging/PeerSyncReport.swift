import GlusterHost

/// What the operator log says of a peer sync (the shared files copied to the pool's other nodes
/// after the dashboard changed them): a line per node, and a failure with glusterd's words.
/// Nothing when there is no other node to copy to.
enum PeerSyncReport {
    static func lines(_ outcome: PeerSync.Outcome) -> [OperatorLine] {
        if let failure = outcome.failure {
            return [OperatorLine(level: .error, message: "peer sync: could not copy \(failure.file.rawValue) to the other nodes: \(failure.message)")]
                + outcome.notes.map { OperatorLine(level: .warning, message: "peer sync: \($0)") }
        }
        guard outcome.nodes.contains(where: { $0.node != "localhost" }) else { return [] }
        return outcome.nodes.map { node in
            node.synced
                ? OperatorLine(level: .info, message: "peer sync: \(node.node) has the new webhooks.json and config.json")
                : OperatorLine(
                    level: .warning, message: "peer sync: \(node.node) is down and missed the change (run `eventsdash sync` once it is up)")
        }
    }
}
