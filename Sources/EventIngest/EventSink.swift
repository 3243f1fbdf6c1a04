import GlusterEvents

/// An event the receiver accepted, with what the pipeline needs to log and deliver it (the
/// decoded fields live on in `body`; keeping only this much makes the hand-over cheap).
public struct ReceivedEvent: Sendable {
    public var name: String
    public var timestamp: Int64
    /// The webhook JSON, built once on the receiving thread.
    public var body: String
    public var source: String
    public var receivedAtMillis: Int64
}

/// Where the receiver hands accepted events, a batch per socket read. Must not block.
public protocol EventSink: Sendable {
    func accept(_ batch: [ReceivedEvent])
}
