import EventIngest
import GlusterEvents
import NIOCore
import NIOEmbedded
import Synchronization

/// The `http-request` target: raw bytes from a client, through the same pipeline HTTP ingest
/// runs (NIO's parser and eventsdash's handlers), with no socket.
enum HTTPRequestCheck {
    /// Small limits, so that inputs of a few KiB reach them.
    static let settings: HTTPIngestServer.Settings = {
        var limits = HTTPIngestLimits()
        limits.maxBodyBytes = 2048
        limits.bodyBudgetBytes = 4096
        limits.maxHeadBytes = 1024
        limits.maxUnreadResponses = 4
        return HTTPIngestServer.Settings(addresses: [], auth: .none, limits: limits)
    }()

    /// Counts hold (`requests` = events + pings + rejected), every answer is HTTP/1, each logged
    /// event's body is one HTTP ingest accepts again unchanged, and the body budget is all returned
    /// once the connection ends.
    static func check(_ bytes: [UInt8]) -> String? {
        let channel = EmbeddedChannel()
        let counters = HTTPIngestCounters()
        let sink = CollectingSink()
        let budget = HTTPBodyBudget(limit: settings.limits.bodyBudgetBytes)
        do {
            try HTTPIngestConnection.configure(channel, settings: settings, counters: counters, sink: sink, budget: budget)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40000)).wait()
        } catch {
            return "the pipeline could not be set up: \(error)"
        }
        // The input as a client might send it: in two reads, split where its first byte says.
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        for part in [bytes[..<split], bytes[split...]] where !part.isEmpty && channel.isActive {
            _ = try? channel.writeInbound(channel.allocator.buffer(bytes: part))
        }
        var answers = ""
        while let part = try? channel.readOutbound(as: ByteBuffer.self) { answers += String(buffer: part) }
        _ = try? channel.finish(acceptAlreadyClosed: true)
        // Timers (idle, request deadline) fire or are dropped, so nothing they hold outlives the input.
        channel.embeddedEventLoop.advanceTime(by: .hours(24))
        try? channel.embeddedEventLoop.syncShutdownGracefully()
        let figures = counters.snapshot()
        guard figures.requests == figures.events + figures.pings + figures.rejected else {
            return "counts do not add up: \(figures)"
        }
        guard answers.isEmpty || answers.hasPrefix("HTTP/1.") else { return "an answer that is not HTTP/1: \(answers.prefix(80))" }
        guard budget.inUse == 0 else { return "\(budget.inUse) bytes of the body budget were not returned" }
        for event in sink.events {
            guard case .event(event.name, event.timestamp, _, event.body)? = try? IngestedBody.decode(Array(event.body.utf8)) else {
                return "a logged event is not accepted again unchanged: \(event.body)"
            }
        }
        return nil
    }
}

/// Keeps what HTTP ingest accepted.
private final class CollectingSink: EventSink {
    private let accepted = Mutex<[ReceivedEvent]>([])
    var events: [ReceivedEvent] { accepted.withLock { $0 } }
    func accept(_ batch: [ReceivedEvent]) { accepted.withLock { $0 += batch } }
}
