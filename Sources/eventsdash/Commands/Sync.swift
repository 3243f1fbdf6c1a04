import ArgumentParser
import GlusterEvents

/// gluster-eventsapi's `sync`: copy this node's webhooks and config to every node of the pool again,
/// e.g. to a node that was down when they changed.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Copy the webhooks and config files to every node of the trusted pool.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption

    func run() throws {
        let layout = state.resolve()
        if !layout.sharesGlusterdFiles && !output.json {
            log("note: eventsdash uses its own files in \(layout.stateDirectory), not glusterd's: there is nothing to copy to other nodes")
        }
        try printSyncResult(layout: layout, json: output.json)
    }
}
