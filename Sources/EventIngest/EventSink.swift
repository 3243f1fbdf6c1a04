import GlusterEvents

/// An event the receiver accepted, with what the pipeline needs to log and deliver it.
public struct ReceivedEvent: Sendable {
    public var event: GlusterEvent
    /// The webhook JSON, built once on the receiving thread.
    public var body: String
    public var source: String
    public var receivedAtMillis: Int64
}

/// Where the receiver hands accepted events, a batch per socket read. Must not block.
public protocol EventSink: Sendable {
    func accept(_ batch: [ReceivedEvent])
}
