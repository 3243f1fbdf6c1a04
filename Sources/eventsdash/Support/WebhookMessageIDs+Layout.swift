import EventLog
import GlusterEvents
import GlusterHost

extension WebhookMessageIDs {
    /// The `webhook-id`s of the events logged in `layout`: this node's id and the log's epoch; nil
    /// when the log has no epoch yet, unless `making` it (`redeliver`, which sends with the ids).
    static func of(_ layout: StateLayout, making: Bool = false) throws -> WebhookMessageIDs? {
        let directory = layout.eventLogDirectory
        guard let epoch = making ? try EventLogEpoch.resolve(directory: directory) : EventLogEpoch.read(directory: directory)
        else { return nil }
        let node = try NodeIdentity.resolve(glusterdInfo: layout.glusterdInfoFile, keptFile: layout.nodeIDFile)
        return WebhookMessageIDs(nodeID: node, epoch: epoch)
    }
}
