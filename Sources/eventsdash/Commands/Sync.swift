import ArgumentParser
import GlusterEvents

/// gluster-eventsapi's `sync`: copy this node's webhooks and config to every node of the pool again,
/// e.g. to a node that was down when they changed.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Copy the webhooks and config files to every node of the trusted pool.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let layout = global.layout
        if !layout.sharesGlusterdFiles && !global.json {
            log("note: eventsdash uses its own files in \(layout.stateDirectory), not glusterd's: there is nothing to copy to other nodes")
        }
        try printSyncResult(layout: layout, json: global.json)
    }
}
