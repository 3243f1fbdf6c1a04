import EventLog

/// What delivery knows of one webhook, for the dashboard and `status`.
public struct WebhookHealth: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// Nothing sent yet.
        case idle
        /// The last delivery succeeded.
        case healthy
        /// Deliveries are failing and being retried (for less than a minute).
        case retrying
        /// Failing for a minute or more, or events were given up in the last five minutes.
        case failing
        /// Not delivered to: it is this engine's own HTTP ingest (`lastError` says so).
        case skipped
    }

    public var state: State = .idle
    public var delivered = 0
    /// Failed attempts (each retry counts).
    public var failed = 0
    /// Events that will not be sent again (refused, retried too long, or deleted by retention).
    public var givenUp = 0
    /// Events waiting for a retry.
    public var retrying = 0
    /// Deliveries per second over the last ten seconds.
    public var deliveriesPerSecond = 0.0
    /// Events queued for this webhook and not yet sent.
    public var backlog = 0
    public var lastStatus: Int?
    public var lastError: String?
    public var lastLatencyMillis: Double?
    /// Median and 99th percentile latency of the recent requests (see `LatencyWindow`).
    public var p50LatencyMillis: Double?
    public var p99LatencyMillis: Double?
    /// Unix seconds of the last success.
    public var lastSuccessAt: Int64?
    /// Unix seconds of the last failed attempt.
    public var lastFailureAt: Int64?
    /// The start of the last failing response's body (from outside: escape it to show it).
    public var lastResponse: String?
    /// When the next retry is due (Unix seconds), nil when none waits.
    public var nextRetryAt: Double?
    /// How long the oldest event not yet delivered has waited, in seconds (nil when none waits).
    public var behindSeconds: Double?

    public init() {}

    /// The figures a restart keeps (`DeliveryTally`): the state is the last outcome's.
    init(_ tally: DeliveryTally) {
        delivered = tally.delivered
        failed = tally.failed
        givenUp = tally.givenUp
        lastStatus = tally.lastStatus
        lastError = tally.lastError
        lastResponse = tally.lastResponse
        lastSuccessAt = tally.lastSuccessAt
        lastFailureAt = tally.lastFailureAt
        if let failure = tally.lastFailureAt, failure >= tally.lastSuccessAt ?? 0 {
            state = .failing
        } else if tally.lastSuccessAt != nil {
            state = .healthy
        }
    }

    func tally(lastGivenUpAt: Int64?) -> DeliveryTally {
        var tally = DeliveryTally()
        tally.delivered = delivered
        tally.failed = failed
        tally.givenUp = givenUp
        tally.lastStatus = lastStatus
        tally.lastError = lastError
        tally.lastResponse = lastResponse
        tally.lastSuccessAt = lastSuccessAt
        tally.lastFailureAt = lastFailureAt
        tally.lastGivenUpAt = lastGivenUpAt
        return tally
    }

    enum CodingKeys: String, CodingKey {
        case state, delivered, failed, backlog, retrying
        case givenUp = "given_up"
        case deliveriesPerSecond = "deliveries_per_second"
        case lastStatus = "last_status"
        case lastError = "last_error"
        case lastLatencyMillis = "last_latency_ms"
        case p50LatencyMillis = "p50_latency_ms"
        case p99LatencyMillis = "p99_latency_ms"
        case lastSuccessAt = "last_success_at"
        case lastFailureAt = "last_failure_at"
        case lastResponse = "last_response"
        case nextRetryAt = "next_retry_at"
        case behindSeconds = "behind_seconds"
    }

    mutating func record(_ outcome: HTTPOutcome, at now: Int64) {
        lastStatus = outcome.status
        lastError = outcome.isSuccess ? nil : outcome.summary
        lastLatencyMillis = outcome.latencySeconds * 1000
        if outcome.isSuccess {
            delivered += 1
            lastSuccessAt = now
            state = .healthy
        } else {
            failed += 1
            lastFailureAt = now
            lastResponse = outcome.responseExcerpt
            state = .retrying
        }
    }
}
