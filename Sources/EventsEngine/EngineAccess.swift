import ClusterHealth
import EventLog
import GlusterEvents
import GlusterHost
import WebhookDelivery

/// What the dashboard needs of an engine: the one it runs itself (`Engine`), or one running in
/// another process on the same workdir (`AttachedEngine`).
public protocol EngineAccess: AnyObject, Sendable {
    var layout: StateLayout { get }
    /// The UDP port the engine listens on.
    var port: Int { get }
    /// Whether `--port` chose the port rather than the config.
    var portOverridden: Bool { get }
    /// The engine's pid when it runs in another process (the dashboard is attached to it).
    var attachedPID: Int32? { get }
    func status() -> EngineStatus
    var webhooks: [Webhook] { get }
    var config: EventsConfig { get }
    /// The newest events, oldest first.
    var recentEvents: RecentEvents { get }
    /// What became of an event at each webhook, by URL: in full in the engine's own process, as far
    /// as its saved positions tell when attached.
    func deliveries(of sequence: UInt64, eventName: String) -> [String: EventDelivery]
    /// POSTs a TEST event to `webhook`; `completion` runs on an HTTP thread.
    func testPing(_ webhook: Webhook, completion: @escaping @Sendable (HTTPOutcome) -> Void)
    /// Sends the logged event `sequence` to the registered webhook `url` again; false when the
    /// webhook is not registered or the log no longer has the event.
    func redeliver(_ sequence: UInt64, to url: String, completion: @escaping @Sendable (HTTPOutcome) -> Void) -> Bool
    /// Sends the webhook's waiting retries now rather than when their backoff ends (a test ping
    /// that gets through does so by itself).
    func retryNow(url: String) throws
    /// Re-reads the shared files now (after the dashboard changed them).
    func reloadSharedFiles()
    /// Copies the shared files to the pool's other nodes (after the dashboard changed them).
    func syncToPeers() -> PeerSync.Outcome
    /// What is wrong with the cluster now.
    func health() -> HealthReport
    /// Records a person's decision about a problem (mute, unmute, acknowledge).
    func decide(_ decision: HealthDecision) throws
    /// Ends this process's part: the engine itself when it is ours, only the attachment otherwise.
    func stop()
}

extension Engine: EngineAccess {
    public var layout: StateLayout { options.layout }
    public func health() -> HealthReport { engineHealth.hasRebuilt ? engineHealth.latest : engineHealth.tracker.report() }
    public func decide(_ decision: HealthDecision) throws { try engineHealth.decide(decision) }
    public var portOverridden: Bool { options.port != nil }
    public var attachedPID: Int32? { nil }
}
