import NIOCore

/// What one HTTP-ingest client may cost: every limit is an option of `serve` with these defaults,
/// and reaching one is counted by reason (`HTTPIngestCounters`).
public struct HTTPIngestLimits: Sendable, Equatable {
    /// A body larger than this is refused with 413 (from `Content-Length`, before it is read).
    public var maxBodyBytes = 1 << 20
    /// Connections open at once; further ones are closed as soon as they are accepted.
    public var maxConnections = 256
    /// A connection with no request under way is closed after this long.
    public var idleTimeoutSeconds = 60.0
    /// A request must arrive whole (head and body) within this long of its first byte (slowloris).
    public var requestTimeoutSeconds = 10.0
    /// Bodies held in memory at once, over all connections: a request that would pass it gets 503
    /// with `Retry-After`, so many slow clients cannot add up to much memory.
    public var bodyBudgetBytes = 16 << 20
    /// Responses a client may leave unread (pipelined requests whose answers it does not take)
    /// before its connection is closed.
    public var maxUnreadResponses = 16
    /// A request head (request line and headers) larger than this is refused (431, by NIO's parser).
    public var maxHeadBytes = 16 << 10

    public init() {}

    /// `--metrics`' own listener: a few scrapers at once, no bodies, small heads.
    public static let metricsOnly: HTTPIngestLimits = {
        var limits = HTTPIngestLimits()
        limits.maxConnections = 16
        limits.maxBodyBytes = 1024
        limits.bodyBudgetBytes = 16 << 10
        limits.maxHeadBytes = 8 << 10
        return limits
    }()
}

extension TimeAmount {
    /// `seconds` (options are validated to at most a day, so this cannot overflow).
    static func seconds(_ seconds: Double) -> TimeAmount { .nanoseconds(Int64(seconds * 1e9)) }
}
