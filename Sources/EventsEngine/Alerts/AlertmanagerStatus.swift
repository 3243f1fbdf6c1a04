/// How sending alerts to one Alertmanager goes, in `engine.json` (`status`, the operator log).
public struct AlertmanagerStatus: Sendable, Codable, Equatable {
    /// Requests Alertmanager took (2xx), and those that failed.
    public var sent = 0
    public var failed = 0
    /// Whether the last request failed (nil: none made yet).
    public var failing: Bool?
    /// Why the last request failed (an HTTP status with the start of the answer, or the transport
    /// error); nil once one succeeds. From outside: escape it before showing it.
    public var lastError: String?
    /// Unix seconds.
    public var lastAttemptAt: Int64?
    public var lastSuccessAt: Int64?
    /// Alerts in the last request (firing and lately ended).
    public var alerts = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case sent, failed, failing, alerts
        case lastError = "last_error"
        case lastAttemptAt = "last_attempt_at"
        case lastSuccessAt = "last_success_at"
    }
}
