/// What a logged event's `webhook-id` is made of — the header receivers drop duplicates by, as
/// Standard Webhooks tells them to — so that it is unique across nodes (the engine's node id), log
/// resets and reinstalls (the epoch made with the log), and the same on every retry and
/// redelivery of the event (its sequence): `<node id>-<epoch>-<sequence>`.
public struct WebhookMessageIDs: Sendable, Equatable {
    public let nodeID: String
    public let epoch: String

    public init(nodeID: String, epoch: String) {
        self.nodeID = nodeID
        self.epoch = epoch
        prefix = nodeID + "-" + epoch + "-"
    }

    /// The `webhook-id` of the event `sequence`.
    public func id(of sequence: UInt64) -> String { prefix + String(sequence) }

    /// The sequence `id` names; nil when it is not a `webhook-id` of this log (another node's, or
    /// an earlier log's).
    public func sequence(of id: String) -> UInt64? {
        guard id.hasPrefix(prefix) else { return nil }
        let digits = id.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return UInt64(digits)
    }

    /// `<node id>-<epoch>-`, made once: every request's id starts with it.
    private let prefix: String
}
