import GlusterEvents

/// Where the receiver hands accepted events, a batch per socket read. Must not block.
public protocol EventSink: Sendable {
    func accept(_ batch: [ReceivedEvent])
}
