/// An event the receiver accepted: what the log, the human log and delivery need, and nothing
/// more (the decoded fields live on in `body`), so handing batches between threads is cheap.
public struct ReceivedEvent: Sendable {
    /// The published event name, e.g. `VOLUME_CREATE`.
    public var name: String
    /// The sender's timestamp (Unix seconds).
    public var timestamp: Int64
    /// The webhook JSON, built once on the receiving thread.
    public var body: String
    /// Where it came from, e.g. `127.0.0.1:40522`, or `http:127.0.0.1:40522` for HTTP ingest.
    public var source: String

    /// Marks the source of an event that arrived by HTTP ingest (delivery forwards those only when
    /// asked, so two tools posting to each other never loop).
    public static let httpSourcePrefix = "http:"
    /// When eventsdash accepted it, in Unix milliseconds.
    public var receivedAtMillis: Int64
    /// The node an event that came by HTTP is from (its body's `nodeid`); empty for this node's
    /// own datagrams (so the hot path copies no shared string) and for events read back from the log.
    public var nodeID: String

    public init(name: String, timestamp: Int64, body: String, source: String, receivedAtMillis: Int64, nodeID: String = "") {
        self.name = name
        self.timestamp = timestamp
        self.body = body
        self.source = source
        self.receivedAtMillis = receivedAtMillis
        self.nodeID = nodeID
    }

    /// What the event takes in memory, roughly: its strings and a slot for it. Queues and the
    /// dashboard's ring are bounded by this.
    public var memoryBytes: Int {
        body.utf8.count + source.utf8.count + name.utf8.count + nodeID.utf8.count + MemoryLayout<ReceivedEvent>.stride + 64
    }
}
