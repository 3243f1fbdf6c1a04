import ArgumentParser
import GlusterEvents
import GlusterHost

/// After a change, as gluster-eventsapi does: the files go to every node of the pool (see
/// `PeerSync`), then a per-node table; a failed copy ends with its exit code (8 or 9).
func printSyncResult(layout: StateLayout, json: Bool) throws {
    let outcome = PeerSync.sync(layout)
    if let failure = outcome.failure {
        let (what, code) =
            failure.file == .webhooks ? ("Webhooks", ExitStatus.webhookSyncFailed) : ("Config", ExitStatus.configSyncFailed)
        let exit = fail("Failed to sync \(what) file: \(failure.message)", code, json: json)
        for note in outcome.notes where !json { log("note: \(note)") }
        throw exit
    }
    let rows = outcome.nodes.map { node in
        NodeResults.Row(node: node.node, nodeUp: node.up, ok: node.synced, error: node.up ? "" : "node is down")
    }
    let result = NodeResults(column: "SYNC STATUS", rows: rows)
    if json { printJSONOutput(result.json) } else { Output.lines(result.table) }
    for note in outcome.notes where !json { log("note: \(note)") }
    if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
}
