import NIOCore
import NIOHTTP1

/// The handlers of one HTTP-ingest connection, in order: NIO's idle timeout, the request deadline,
/// NIO's back-pressure (no reading while the client does not read), NIO's HTTP/1 server with head
/// limits, and `HTTPIngestHandler`. Public so that the fuzzer drives the same pipeline without a
/// socket (`EmbeddedChannel`).
public enum HTTPIngestConnection {
    /// The most header fields one request may carry.
    static let maxHeaderFields = 100

    public static func configure(
        _ channel: any Channel, settings: HTTPIngestServer.Settings, counters: HTTPIngestCounters, sink: any EventSink,
        budget: HTTPBodyBudget
    ) throws {
        let limits = settings.limits
        let pipeline = channel.pipeline.syncOperations
        let deadline = HTTPRequestDeadline(timeout: .seconds(limits.requestTimeoutSeconds), counters: counters)
        try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(limits.idleTimeoutSeconds)))
        try pipeline.addHandler(deadline)
        try pipeline.addHandler(BackPressureHandler())
        var headLimits = NIOHTTPDecoderLimitConfiguration()
        headLimits.maxHeaderFieldSize = limits.maxHeadBytes
        headLimits.maxHeaderListSize = limits.maxHeadBytes
        headLimits.maxHeaderFieldCount = maxHeaderFields
        try pipeline.configureHTTPServerPipeline(
            withErrorHandling: true, withEncoderConfiguration: .init(), withDecoderLimitConfiguration: headLimits)
        try pipeline.addHandler(
            HTTPIngestHandler(settings: settings, counters: counters, sink: sink, budget: budget, deadline: deadline))
    }
}
