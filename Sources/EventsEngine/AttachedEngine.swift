import ClusterHealth
import EventLog
import Foundation
import GlusterEvents
import GlusterHost
import Synchronization
import WebhookDelivery

/// An engine running in another process on the same workdir (the service, or a `serve` in another
/// terminal), as a dashboard sees it: events followed from its log, figures from the status file it
/// publishes every second, webhooks and config from the shared files (which it applies within a
/// second), and test pings and redeliveries sent from here. Stopping detaches; the engine runs on.
public final class AttachedEngine: EngineAccess, @unchecked Sendable {
    public let layout: StateLayout
    public let attachedPID: Int32?
    /// The engine's port differs from the config's: it was chosen with `--port`.
    public var portOverridden: Bool { port != config.port }
    private let recent: RecentEvents
    private let client = CurlMultiClient()
    private let webhookStore: WebhookStore
    private let configStore: ConfigStore
    private let shared: Mutex<(webhooks: [Webhook], config: EventsConfig, problem: String?)>
    private let lastStatus: Mutex<EngineStatus?>
    /// When the status file and the shared files were last read.
    private let lastReads = Mutex((status: Date.distantPast, files: Date()))
    private let following = Atomic<Bool>(true)
    private let followerDone = DispatchSemaphore(value: 0)
    /// The engine's published health, as last read.
    private let lastHealth = Mutex<(readAt: Date, report: HealthReport?)>((.distantPast, nil))
    /// The engine's delivery positions, as last read.
    private let savedPlaces = Mutex<(readAt: Date, places: [String: DeliveryPlace])>((.distantPast, [:]))

    /// Attaches to the engine `pid` holds the lock for; throws when its files cannot be read.
    public init(layout: StateLayout, pid: Int32?, recentEvents limits: RecentEventsLimits) throws {
        self.layout = layout
        attachedPID = pid
        webhookStore = layout.webhookStore
        configStore = layout.configStore
        shared = Mutex((try webhookStore.load().webhooks, try configStore.load(), nil))
        lastStatus = Mutex(EngineStatus.read(from: layout.statusFile, publishedBy: pid))
        recent = RecentEvents(limits)
        recent.preload(fromLog: layout.eventLogDirectory)
        let next = (recent.sequences?.upperBound ?? 0) + 1
        let thread = Thread { [self] in follow(EventLogCursor(directory: layout.eventLogDirectory, from: next)) }
        thread.name = "eventsdash-attached"
        thread.start()
    }

    /// Reads what the engine appends to its log, as it appends it.
    private func follow(_ cursor: EventLogCursor) {
        while following.load(ordering: .relaxed) {
            let events = cursor.read(limit: 10_000, maxBytes: RecentEvents.readBackBytes)
            if events.isEmpty { Thread.sleep(forTimeInterval: 0.1) } else { recent.load(events) }
        }
        followerDone.signal()
    }

    /// The health the engine publishes (`health.json`), read at most four times a second.
    public func health() -> HealthReport {
        lastHealth.withLock { last in
            if last.report == nil || Date().timeIntervalSince(last.readAt) >= 0.25 {
                let text = try? String(contentsOfFile: layout.healthFile, encoding: .utf8)
                last = (Date(), text.flatMap { try? JSONValue.parse($0) }.flatMap(HealthReport.init(json:)) ?? last.report)
            }
            return last.report ?? .empty
        }
    }

    /// Records the decision in the decisions file; the engine takes it up within a second.
    public func decide(_ decision: HealthDecision) throws {
        try HealthDecisionsFile(path: layout.healthDecisionsFile).record(decision, at: Date().timeIntervalSince1970)
        lastHealth.withLock { $0.readAt = .distantPast }
    }

    public var port: Int { lastStatus.withLock { $0?.port } ?? shared.withLock { $0.config.port } }
    public var recentEvents: RecentEvents { recent }
    public var webhooks: [Webhook] { shared.withLock { $0.webhooks } }
    public var config: EventsConfig { shared.withLock { $0.config } }

    /// The engine's last published figures; says so when they stop coming. The engine publishes
    /// once a second, so its file is read at most four times a second, and the shared files (for
    /// what other processes changed) once a second.
    public func status() -> EngineStatus {
        let now = Date()
        let (readStatus, reloadFiles) = lastReads.withLock { last in
            let due = (now.timeIntervalSince(last.status) >= 0.25, now.timeIntervalSince(last.files) >= 1)
            if due.0 { last.status = now }
            if due.1 { last.files = now }
            return due
        }
        if reloadFiles { reloadSharedFiles() }
        let published = readStatus ? EngineStatus.read(from: layout.statusFile, publishedBy: attachedPID) : nil
        var status = lastStatus.withLock { last in
            if let published { last = published }
            return last
        } ?? EngineStatus.placeholder(port: port)
        status = status.asSeen(stateDirectory: layout.stateDirectory)
        if status.problem == nil, let problem = shared.withLock({ $0.problem }) { status.problem = problem }
        return status
    }

    /// From the engine's saved positions (at most a quarter second old): finished or not, not how.
    public func deliveries(of sequence: UInt64, eventName: String) -> [String: EventDelivery] {
        let now = Date()
        let places = savedPlaces.withLock { saved in
            if now.timeIntervalSince(saved.readAt) >= 0.25 {
                saved = (now, DeliveryPositions(path: layout.deliveryPositionsFile).load())
            }
            return saved.places
        }
        var deliveries: [String: EventDelivery] = [:]
        for webhook in webhooks {
            deliveries[webhook.url] = EventDelivery.asSaved(
                places[webhook.url], sequence: sequence, eventName: eventName, webhook: webhook)
        }
        return deliveries
    }

    /// A ping that gets through ends the webhook's backoff in the engine attached to.
    public func testPing(_ webhook: Webhook, completion: @escaping @Sendable (HTTPOutcome) -> Void) {
        let nodeID = lastStatus.withLock { $0?.nodeID } ?? ""
        client.post(WebhookRequests.testPing(webhook, nodeID: nodeID)) { [self] outcome in
            if outcome.isSuccess { try? retryNow(url: webhook.url) }  // (the ping's outcome is shown either way)
            completion(CertificateAdvice.advised(outcome, url: webhook.url))
        }
    }

    /// Asks the engine attached to, through its retry-requests file (taken up within a second).
    public func retryNow(url: String) throws {
        try RetryRequestsFile(path: layout.retryRequestsFile).request(url, atMillis: Int64(Date().timeIntervalSince1970 * 1000))
    }

    public func redeliver(_ sequence: UInt64, to url: String, completion: @escaping @Sendable (HTTPOutcome) -> Void) -> Bool {
        guard let webhook = webhooks.first(where: { $0.url == url }), let ids = lastStatus.withLock({ $0?.messageIDs }) else {
            return false
        }
        return Redelivery.send(
            sequence, to: webhook, logDirectory: layout.eventLogDirectory, ids: ids, givenUpLog: GivenUpLog(path: layout.givenUpFile),
            client: client, completion: completion)
    }

    /// Re-reads the shared files; a file that does not parse keeps the last good contents and is
    /// reported in the status.
    public func reloadSharedFiles() {
        do {
            let webhooks = try webhookStore.load().webhooks
            let config = try configStore.load()
            shared.withLock { $0 = (webhooks, config, nil) }
        } catch {
            shared.withLock { $0.problem = "\(error)" }
        }
    }

    /// The engine attached to logs its own; the dashboard reports this sync's outcome itself.
    public func syncToPeers() -> PeerSync.Outcome { PeerSync.sync(layout) }

    public func stop() {
        following.store(false, ordering: .relaxed)
        followerDone.wait()
        client.shutdown()
    }
}

extension EngineStatus {
    /// Before an attached engine's first status arrives.
    static func placeholder(port: Int) -> EngineStatus {
        EngineStatus(
            pid: 0, startedAt: 0, updatedAt: Int64(Date().timeIntervalSince1970), nodeID: "", port: port, listen: [],
            listenFailures: [], receiveBufferBytes: 0, received: 0, accepted: 0, rejected: 0, truncated: 0,
            kernelDrops: 0, droppedUnlogged: 0, rejectedByReason: [:], lastSequence: 0, problem: nil, webhooks: [:],
            nodes: [:], http: nil)
    }
}
