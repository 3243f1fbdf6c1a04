/// Where the engine sends its health problems as alerts (`--alertmanager`), and how often.
public struct AlertmanagerSettings: Sendable {
    /// Each gets every alert (an HA pair deduplicates them).
    public var endpoints: [AlertmanagerEndpoint]
    /// How often firing alerts are sent again (seconds; Prometheus's default is a minute).
    public var resendInterval: Double
    /// A problem is sent once it has been open this long (seconds; Prometheus's `for:`).
    public var pendingFor: Double = 5
    /// `user:password` for HTTP basic authentication (from `--alertmanager-credentials`, never a
    /// URL on the command line).
    public var credentials: String?
    public var connectTimeoutMillis = 5_000
    public var totalTimeoutMillis = 10_000

    public init(endpoints: [AlertmanagerEndpoint], resendInterval: Double = 60) {
        self.endpoints = endpoints
        self.resendInterval = resendInterval
    }
}
