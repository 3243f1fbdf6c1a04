/// When a failed delivery is tried again, and when it is given up.
///
/// Retried: no response (timeouts, refused or reset connections, TLS failures), 408, 429 and 5xx —
/// after an exponential backoff with jitter, capped, or after the server's `Retry-After`. Given up:
/// any other status (the endpoint refuses the event itself), or retries past `maxRetrySeconds`.
public struct RetryPolicy: Sendable, Equatable {
    public var firstDelaySeconds: Double
    public var maxDelaySeconds: Double
    /// How long an event may be retried, from its first attempt.
    public var maxRetrySeconds: Double

    public init(firstDelaySeconds: Double = 1, maxDelaySeconds: Double = 300, maxRetrySeconds: Double = 6 * 3600) {
        self.firstDelaySeconds = firstDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
        self.maxRetrySeconds = maxRetrySeconds
    }

    public enum Verdict: Equatable, Sendable {
        case delivered
        case retry
        case refused
    }

    public static func verdict(of outcome: HTTPOutcome) -> Verdict {
        guard let status = outcome.status else { return .retry }
        switch status {
        case 200..<300: return .delivered
        case 408, 429, 500..<600: return .retry
        default: return .refused
        }
    }

    /// Seconds to wait before attempt `attempts + 1`, given `attempts` made so far (≥ 1). `random`
    /// in 0..<1 spreads retries (half the backoff is random); `retryAfter` wins when given, up to
    /// an hour.
    public func delay(afterAttempts attempts: Int, retryAfter: Double?, random: Double) -> Double {
        if let retryAfter, retryAfter > 0 { return min(retryAfter, 3600) }
        let exponent = Double(min(attempts - 1, 30))
        let backoff = min(maxDelaySeconds, firstDelaySeconds * pow2(exponent))
        return backoff / 2 + backoff / 2 * random
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
