import GlusterEvents

/// Where the receivers hand accepted events, a batch per socket read. It may make the receiver
/// wait while its queue is full (back-pressure), never for long otherwise.
public protocol EventSink: Sendable {
    func accept(_ batch: [ReceivedEvent])
}
