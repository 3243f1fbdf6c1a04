import EventLog
import GlusterEvents

/// The event log's size against its limits, and which webhooks keep it beyond its retention:
/// segments a webhook has not finished are kept (up to `--log-max-size`), and that is a problem
/// to show, naming who holds how much.
public struct EventLogStatus: Sendable, Codable, Equatable {
    public var bytes: Int64
    public var retentionBytes: Int64
    public var maxBytes: Int64
    /// For each webhook that keeps the log beyond its retention, by URL: how many of those bytes
    /// hold events it has not finished.
    public var heldBy: [String: Int64]

    enum CodingKeys: String, CodingKey {
        case bytes
        case retentionBytes = "retention_bytes"
        case maxBytes = "max_bytes"
        case heldBy = "held_by"
    }

    /// - Parameter positions: each webhook's position (the oldest event it has not finished).
    init(_ outcome: EventLogRetention.Outcome, policy: EventLogRetention, positions: [String: UInt64]) {
        bytes = outcome.bytes
        retentionBytes = policy.retentionBytes
        maxBytes = policy.maxBytes
        var heldBy: [String: Int64] = [:]
        for (url, position) in positions {
            let held = outcome.keptBeyondRetention.filter { $0.events.upperBound >= position }.reduce(0) { $0 + $1.bytes }
            if held > 0 { heldBy[url] = held }
        }
        self.heldBy = heldBy
    }

    /// What to say while the log is kept beyond its retention; nil within it.
    public var problem: String? {
        guard !heldBy.isEmpty else { return nil }
        let holders = heldBy.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \(ByteCount.text($0.value))" }
        return "event log \(ByteCount.text(bytes)) is over its retention (\(ByteCount.text(retentionBytes))), kept for undelivered events of "
            + holders.joined(separator: ", ")
            + "; past \(ByteCount.text(maxBytes)) (--log-max-size) the oldest are deleted and given up"
    }
}
