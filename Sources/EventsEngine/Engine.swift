import ClusterHealth
import EventIngest
import EventLog
import Foundation
import GlusterEvents
import GlusterHost
import Logging
import Synchronization
import WebhookDelivery

#if canImport(Glibc)
    import Glibc
#endif

/// The eventsdash engine: UDP receiver -> durable event log -> webhook delivery, with the workdir
/// lock, live reload of `webhooks.json`, and a status file refreshed every second.
public final class Engine: Sendable {
    public struct Options: Sendable {
        public var layout: StateLayout
        /// Overrides the config's port.
        public var port: Int?
        /// Overrides the default addresses (`0.0.0.0` and `::1`).
        public var listen: [String]
        public var receiveBufferBytes: Int
        /// How many of the newest events stay in memory for a dashboard, in count and bytes.
        public var recentEvents: RecentEventsLimits
        /// The most event bytes waiting between the receivers and the log (past it, receiving waits).
        public var ingestQueueBytes = Options.defaultIngestQueueBytes
        /// Far more than a second of ingest at full rate with small events; a few dozen of the
        /// largest (a datagram of control bytes makes a 393 KB body).
        public static let defaultIngestQueueBytes = 16 << 20
        /// How often appended events are flushed to the disk (what a power loss may cost).
        public var syncInterval: Double = 0.1
        /// When a log segment is closed and a new one started.
        public var segmentBytes = EventLogWriter.defaultMaxSegmentBytes
        /// How much log to keep (the oldest segments go beyond it once every webhook has them), and
        /// the hard budget beyond which the oldest go all the same.
        public var retention = EventLogRetention()
        /// When the human-readable events log rotates, how many old files it keeps, its longest line.
        public var humanLogLimits = HumanEventsLog.Limits()
        /// The most event bytes held in memory while the log cannot be written (e.g. a full disk).
        public var holdLimitBytes = 256 * 1024 * 1024
        /// HTTP ingest of webhook POSTs (off when nil).
        public var httpIngest: HTTPIngestServer.Settings?
        /// Where `/metrics` is served for Prometheus (off when empty); with HTTP ingest on, its
        /// listener serves it too.
        public var metrics: [ListenAddress] = []
        /// The version `/metrics` names.
        public var version = "unknown"
        /// Whether events that arrived by HTTP are delivered to webhooks too (off: no loops).
        public var forwardHTTPEvents = false
        /// UDP sources events are taken from (nil: anywhere).
        public var allowedSources: SourceAllowlist?
        /// Where the engine tells an operator what changed (`OperatorLog`); silent by default.
        public var logger = OperatorLog.silent
        /// The level `logger` logs at, set from config `log-level` as it changes.
        public var logLevel = LiveLogLevel()
        public var retryPolicy = RetryPolicy()
        public var connectTimeoutMillis = 5_000
        public var totalTimeoutMillis = 10_000
        /// Delivery shards: threads each driving a libcurl multi handle for its share of the webhooks.
        public var deliveryThreads = Options.defaultDeliveryThreads
        /// One per CPU, at most 4 (a webhook's requests stay on one thread: more only helps many webhooks).
        public static let defaultDeliveryThreads = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
        /// How often housekeeping runs: retention, reloading the shared files, publishing the
        /// figures and logging what changed (seconds; tests make it short).
        public var housekeepingInterval = 1.0
        /// What the gluster CLI sees of the cluster now, for health to poll (nil: never asked;
        /// `serve` and the dashboard ask the gluster CLI).
        public var observeCluster: (@Sendable () -> ClusterObservation)?
        /// How often health polls `observeCluster` (seconds), from the start.
        public var clusterPollInterval = 60.0
        /// A volume's heal counts, last rebalance and quota limits, for health to poll (nil: never asked).
        public var observeVolumeDetails: (@Sendable (VolumeDetails.Request) -> VolumeDetails)?
        /// How often (seconds).
        public var healPollInterval = 120.0
        /// The health model's settings (capacity thresholds…).
        public var health = ClusterHealth.Settings()
        /// The Alertmanagers the health problems are sent to as alerts (nil: none).
        public var alertmanager: AlertmanagerSettings?

        public init(
            layout: StateLayout, port: Int? = nil, listen: [String] = [],
            receiveBufferBytes: Int = Engine.defaultReceiveBufferBytes, recentEvents: RecentEventsLimits = RecentEventsLimits()
        ) {
            self.layout = layout
            self.port = port
            self.listen = listen
            self.receiveBufferBytes = receiveBufferBytes
            self.recentEvents = recentEvents
        }
    }

    /// Why the engine did not start, in words for the user.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    public static let defaultReceiveBufferBytes = UDPReceiver.defaultReceiveBufferBytes

    public let options: Options
    public let nodeID: String
    /// What the events' `webhook-id`s are made of: this node's id and the log's epoch.
    public let messageIDs: WebhookMessageIDs
    public let port: Int
    public let listening: [UDPReceiver.Listening]
    public let listenFailures: [UDPReceiver.BindFailure]

    private let lock: EngineLock
    private let receiver: UDPReceiver
    private let httpIngest: HTTPIngestServer?
    private let pipeline: EventPipeline
    private let humanLog: HumanEventsLog
    /// Webhook requests, one per delivery thread, which drives it (test pings go on the first).
    private let clients: [CurlMulti]
    private let delivery: DeliveryEngine
    private let webhookStore: WebhookStore
    private let startedAt = Int64(Date().timeIntervalSince1970)
    private let housekeepingQueue = DispatchQueue(label: "eventsdash-housekeeping")
    private let housekeeping: RepeatingTimer
    /// Asking glusterd for peer names may take seconds: never on the housekeeping queue.
    private let nodeNamesTimer = RepeatingTimer(queue: DispatchQueue(label: "eventsdash-node-names"))
    private let nodes: Nodes
    private let webhooksFile: FileWatcher
    private let configFile: FileWatcher
    private let retryRequests: RetryRequestsWatch
    /// What the shared files said when last read, and why a newer one is not used.
    private let shared: Mutex<SharedFiles>
    /// The log's size against its limits, as of the last retention check.
    private let logStatus = Mutex<EventLogStatus?>(nil)
    /// The kernel's drop count for our sockets, refreshed once a second (it costs a read of /proc).
    private let kernelDrops = Atomic<Int>(0)
    private let publisher: StatusPublisher
    let engineHealth: EngineHealth
    /// Each webhook's request and delivery histograms, for `/metrics`.
    private let deliveryTimings = DeliveryTimings()
    /// `--metrics`' own listener.
    private let metricsServer: HTTPIngestServer?
    /// The oldest logged event's sequence and receipt time, as of the last scrape (read again only
    /// when retention moved it).
    private let oldestEvent = Mutex<(sequence: UInt64, receivedAt: Double)?>(nil)
    /// Sends the health problems to Alertmanager (nil without `--alertmanager`), over an HTTP
    /// client of its own: a down Alertmanager never holds up a webhook.
    private let alerts: (notifier: AlertmanagerNotifier, client: CurlMultiClient)?

    /// `webhooks.json` and `config.json` as the engine uses them.
    private struct SharedFiles {
        var webhooks: [Webhook]
        /// Registered webhooks not delivered to, by URL, with why.
        var leftOut: [String: WebhookHealth]
        var webhooksProblem: String?
        var config: EventsConfig
        var configProblem: String?
    }

    /// Takes the workdir lock, opens the log and binds the receiver. Throws `StartError`,
    /// `EngineLock.Busy` or `ConfigFileError` with a message that says what to do.
    public init(options: Options) throws {
        self.options = options
        let layout = options.layout
        lock = try EngineLock(path: layout.lockFile)
        try layout.createSharedFolder()
        // Watched from before they are read: a change made meanwhile is applied at the next look.
        webhooksFile = FileWatcher(path: layout.webhooksFile)
        configFile = FileWatcher(path: layout.configFile)
        retryRequests = RetryRequestsWatch(path: layout.retryRequestsFile, startedAtMillis: Int64(Date().timeIntervalSince1970 * 1000))
        let config = try layout.configStore.load()
        port = options.port ?? config.port
        nodeID = try NodeIdentity.resolve(glusterdInfo: layout.glusterdInfoFile, keptFile: layout.nodeIDFile)
        nodes = Nodes(localNode: nodeID)
        webhookStore = layout.webhookStore
        let registry = try webhookStore.load()
        let chosen = DeliveredWebhooks(registry.webhooks, ownIngest: options.httpIngest, file: layout.webhooksFile)
        shared = Mutex(
            SharedFiles(
                webhooks: registry.webhooks, leftOut: chosen.leftOutHealth, webhooksProblem: chosen.problem, config: config))
        housekeeping = RepeatingTimer(queue: housekeepingQueue)
        publisher = StatusPublisher(file: layout.statusFile, logger: options.logger, initial: .placeholder(port: port))
        options.logLevel.set(glusterName: config.logLevel)

        let addresses = try Self.addresses(options.listen, port: port)
        clients = (0..<options.deliveryThreads).map { _ in CurlMulti() }
        let log = try EventLogWriter(directory: layout.eventLogDirectory, maxSegmentBytes: options.segmentBytes)
        messageIDs = WebhookMessageIDs(nodeID: nodeID, epoch: try EventLogEpoch.resolve(directory: layout.eventLogDirectory))
        var deliverySettings = DeliveryEngine.Settings(
            logDirectory: layout.eventLogDirectory, positionsFile: layout.deliveryPositionsFile,
            givenUpFile: layout.givenUpFile, ids: messageIDs)
        deliverySettings.policy = options.retryPolicy
        deliverySettings.connectTimeoutMillis = options.connectTimeoutMillis
        deliverySettings.totalTimeoutMillis = options.totalTimeoutMillis
        deliverySettings.forwardHTTPEvents = options.forwardHTTPEvents
        deliverySettings.requestsFinished = { [deliveryTimings] in deliveryTimings.record($0) }
        delivery = DeliveryEngine(
            settings: deliverySettings, transports: clients, webhooks: chosen.deliveredTo, newest: log.nextSequence - 1)
        delivery.start()
        let recent = RecentEvents(options.recentEvents)
        // The dashboard starts with the newest logged events, not an empty pane.
        recent.preload(fromLog: layout.eventLogDirectory)
        humanLog = HumanEventsLog(path: layout.humanEventsLogFile, limits: options.humanLogLimits)
        engineHealth = EngineHealth(
            layout: layout, localNode: nodeID, settings: options.health, observe: options.observeCluster,
            pollInterval: options.clusterPollInterval, observeDetails: options.observeVolumeDetails, healPollInterval: options.healPollInterval,
            logger: options.logger)
        alerts = options.alertmanager.map { [nodeID] settings in
            let client = CurlMultiClient(name: "eventsdash-alertmanager", maxConnections: 2 * settings.endpoints.count)
            return (AlertmanagerNotifier(settings: settings, nodeID: nodeID, client: client), client)
        }
        pipeline = EventPipeline(
            log: log, humanLog: humanLog, humanLogEnabled: !config.disableEventsLog, recent: recent, nodes: nodes,
            syncInterval: options.syncInterval, holdLimitBytes: options.holdLimitBytes,
            queueLimitBytes: options.ingestQueueBytes,
            logAdvanced: { [delivery, engineHealth] in
                delivery.logAdvanced(to: $0)
                engineHealth.logAdvanced(to: $0)
            })
        pipeline.start()
        receiver = UDPReceiver()
        let bound = receiver.start(
            UDPReceiver.Settings(
                addresses: addresses, receiveBufferBytes: options.receiveBufferBytes, nodeID: nodeID,
                allowedSources: options.allowedSources),
            sink: pipeline)
        listening = bound.listening
        listenFailures = bound.failed
        guard !listening.isEmpty else {
            receiver.stop()
            pipeline.stop()
            delivery.stop()
            clients.forEach { $0.shutdown() }
            alerts?.client.shutdown()
            throw StartError(description: Self.explain(bound.failed, port: port))
        }
        for failure in listenFailures { options.logger.warning("cannot listen on \(failure); carrying on without it") }
        httpIngest = options.httpIngest.map { _ in HTTPIngestServer() }
        metricsServer = options.metrics.isEmpty ? nil : HTTPIngestServer()
        do {
            try startHTTPListeners()
        } catch {
            httpIngest?.stop()
            receiver.stop()
            pipeline.stop()
            delivery.stop()
            clients.forEach { $0.shutdown() }
            alerts?.client.shutdown()
            throw error
        }
        startHousekeeping()
    }

    /// HTTP ingest and `/metrics` (they answer with the engine's figures, so they start once it is whole).
    private func startHTTPListeners() throws {
        // `unowned`: the listeners stop in `stop()`, before the engine goes. (A weak reference's
        // side table, which the engine's header points to in a form LeakSanitizer cannot follow,
        // is reported as a leak when the process ends.)
        let page: @Sendable () -> [UInt8] = { [unowned self] in metricsPage() }
        if let server = httpIngest, var settings = options.httpIngest {
            if !options.metrics.isEmpty { settings.metrics = page }
            do { try server.start(settings, sink: pipeline) } catch { throw StartError(description: "cannot listen for HTTP on \(error)") }
        }
        if let server = metricsServer {
            var settings = HTTPIngestServer.Settings(addresses: options.metrics, limits: .metricsOnly)
            settings.metrics = page
            settings.takesEvents = false
            do { try server.start(settings, sink: pipeline) } catch { throw StartError(description: "cannot serve --metrics on \(error)") }
        }
    }

    /// Stops receiving, logs what was received, stops delivery, and publishes a final status.
    public func stop() {
        housekeeping.stop()
        nodeNamesTimer.stop()
        engineHealth.stop()
        refreshKernelDrops()  // while the sockets are still open
        receiver.stop()
        httpIngest?.stop()
        metricsServer?.stop()
        pipeline.stop()
        delivery.stop()
        clients.forEach { $0.shutdown() }
        try? status().write(to: options.layout.statusFile)
        // After the last figures: a request cut short by stopping is no failure of Alertmanager's.
        alerts?.client.shutdown()
        engineHealth.housekeep()
        lock.release()
    }

    private func refreshKernelDrops() {
        kernelDrops.store(UDPSocketTable.kernelDrops(port: port), ordering: .relaxed)
    }

    /// Starts a new human-readable events log file (after logrotate moved the old one: SIGHUP).
    public func reopenLogs() { humanLog.requestReopen() }

    /// The newest events, oldest first, for a dashboard.
    public var recentEvents: RecentEvents { pipeline.recent }

    /// The registered webhooks, as last read from `webhooks.json`.
    public var webhooks: [Webhook] { shared.withLock { $0.webhooks } }

    /// The events config, as last read.
    public var config: EventsConfig { shared.withLock { $0.config } }

    /// Re-reads `webhooks.json` and `config.json` now if they changed (after the dashboard edits
    /// them), instead of at the next once-a-second check.
    public func reloadSharedFiles() {
        housekeepingQueue.sync {
            reloadWebhooksIfChanged()
            reloadConfigIfChanged()
        }
    }

    /// Copies the shared files to the pool's other nodes (see `PeerSync`; after the dashboard
    /// changed them), and tells the operator log how it went for each node.
    public func syncToPeers() -> PeerSync.Outcome {
        let outcome = PeerSync.sync(options.layout)
        options.logger.log(PeerSyncReport.lines(outcome))
        return outcome
    }

    /// What became of the event `sequence` (named `eventName`) at every webhook, by URL.
    public func deliveries(of sequence: UInt64, eventName: String) -> [String: EventDelivery] {
        delivery.deliveries(of: sequence, eventName: eventName)
    }

    /// POSTs a TEST event to `webhook` (with its auth) and calls `completion` with the outcome, on
    /// the HTTP thread. Independent of event delivery: a ping neither waits for nor delays events.
    /// A ping that gets through ends the webhook's backoff: its waiting retries go at once.
    public func testPing(_ webhook: Webhook, completion: @escaping @Sendable (HTTPOutcome) -> Void) {
        clients[0].post(WebhookRequests.testPing(webhook, nodeID: nodeID)) { [delivery] outcome in
            if outcome.isSuccess { delivery.retryNow(url: webhook.url) }
            completion(CertificateAdvice.advised(outcome, url: webhook.url))
        }
    }

    /// Sends `url`'s waiting retries now rather than when their backoff ends.
    public func retryNow(url: String) { delivery.retryNow(url: url) }

    /// Sends the logged event `sequence` to the registered webhook `url` again, now; false when the
    /// webhook is not registered or the log no longer has the event.
    public func redeliver(_ sequence: UInt64, to url: String, completion: @escaping @Sendable (HTTPOutcome) -> Void) -> Bool {
        guard let webhook = webhooks.first(where: { $0.url == url }) else { return false }
        return delivery.redeliver(sequence, to: webhook, completion: completion)
    }

    /// The engine's live figures (the kernel's drop count as of the last second).
    public func status() -> EngineStatus {
        let counts = receiver.counters.snapshot()
        let http = httpIngest.map { server in
            HTTPIngestStatus(listen: options.httpIngest!.addresses.map(\.description), counters: server.counters.snapshot())
        }
        let log = logStatus.withLock { $0 }
        let files = shared.withLock { $0 }
        return EngineStatus(
            pid: getpid(), startedAt: startedAt, updatedAt: Int64(Date().timeIntervalSince1970), nodeID: nodeID,
            port: port, listen: listening.map(\.address.description), listenFailures: listenFailures.map(\.description),
            receiveBufferBytes: listening.map(\.receiveBufferBytes).max() ?? 0, received: counts.received,
            accepted: counts.accepted, rejected: counts.rejected, truncated: counts.truncated,
            kernelDrops: kernelDrops.load(ordering: .relaxed), droppedUnlogged: pipeline.droppedUnlogged,
            rejectedByReason: counts.rejectedByReason,
            lastSequence: pipeline.newestSequence,
            problem: pipeline.currentProblem ?? files.webhooksProblem ?? files.configProblem ?? engineHealth.decisionsProblem ?? log?.problem,
            webhooks: delivery.health().merging(files.leftOut) { $1 },
            nodes: nodes.snapshot(), overflowNodeEvents: nodes.overflowEvents,
            http: http, allowFrom: options.allowedSources?.entries, limitsReached: limitsReached(http: http), log: log,
            alertmanager: alerts?.notifier.status, metrics: metricsURLs, logEpoch: messageIDs.epoch)
    }

    /// Where `/metrics` is served: `--metrics`' addresses, and HTTP ingest's with them.
    private var metricsURLs: [String]? {
        guard !options.metrics.isEmpty else { return nil }
        let addresses = options.metrics + (options.httpIngest?.addresses ?? [])
        return addresses.map { "http://\($0.description)/metrics" }
    }

    /// The Prometheus page: the figures as of now (see `EngineMetrics`).
    public func metricsPage() -> [UInt8] {
        let figures = EngineMetrics.Figures(
            status: status(), eventTypes: pipeline.eventTypes.snapshot(),
            health: engineHealth.hasRebuilt ? engineHealth.latest : nil, oldestEventAt: oldestEventReceivedAt(),
            version: options.version)
        return EngineMetrics.page(figures, timings: deliveryTimings)
    }

    /// When the oldest event still in the log was received (Unix seconds), nil when the log is empty.
    private func oldestEventReceivedAt() -> Double? {
        let directory = options.layout.eventLogDirectory
        guard let sequence = EventLogCursor.oldestSequence(in: directory) else { return nil }
        if let known = oldestEvent.withLock({ $0 }), known.sequence == sequence { return known.receivedAt }
        guard let first = EventLogCursor(directory: directory, from: sequence).read(limit: 1).first else { return nil }
        let receivedAt = Double(first.receivedAtMillis) / 1000
        oldestEvent.withLock { $0 = (sequence, receivedAt) }
        return receivedAt
    }

    /// Every limit on outside input that was reached, by name, or nil when none was.
    private func limitsReached(http: HTTPIngestStatus?) -> [String: Int]? {
        var limits = http?.limitsReached ?? [:]
        if pipeline.queueFullCount > 0 { limits["ingest_queue_full"] = pipeline.queueFullCount }
        if nodes.overflowEvents > 0 { limits["node_table_full"] = nodes.overflowEvents }
        return limits.isEmpty ? nil : limits
    }

    /// Keeps the log within its retention, never deleting what a webhook still needs unless the log
    /// passed its hard budget; then every webhook that loses events gives them up, on record.
    private func enforceRetention() {
        let positions = delivery.neededPositions()
        let outcome = options.retention.enforce(
            directory: options.layout.eventLogDirectory, neededFrom: positions.values.min() ?? .max)
        if let sequence = outcome.deletedNeededThrough { delivery.logDeleted(through: sequence) }
        logStatus.withLock { $0 = EventLogStatus(outcome, policy: options.retention, positions: positions) }
    }

    // MARK: - Housekeeping: once a second, apply retention, reload changed webhooks, publish status.

    private func startHousekeeping() {
        housekeeping.start(every: options.housekeepingInterval, leeway: .milliseconds(100)) { [self] in
            enforceRetention()
            reloadWebhooksIfChanged()
            reloadConfigIfChanged()
            for url in retryRequests.newRequests() { delivery.retryNow(url: url) }
            refreshKernelDrops()
            publisher.publish(status())
            if let report = engineHealth.housekeep() { alerts?.notifier.update(with: report) }
        }
        engineHealth.start()
        // Not at once: starting up is busy enough, and this node's own name needs no glusterd.
        nodeNamesTimer.start(after: 5, every: 60, leeway: .seconds(1)) { [nodes] in nodes.refreshNames() }
    }

    private func reloadWebhooksIfChanged() {
        guard webhooksFile.changed() else { return }
        do {
            let webhooks = try webhookStore.load().webhooks
            let chosen = DeliveredWebhooks(webhooks, ownIngest: options.httpIngest, file: options.layout.webhooksFile)
            delivery.update(webhooks: chosen.deliveredTo)
            deliveryTimings.keep(only: Set(chosen.deliveredTo.map(\.url)))
            shared.withLock { files in
                files.webhooks = webhooks
                files.leftOut = chosen.leftOutHealth
                files.webhooksProblem = chosen.problem
            }
        } catch {
            // Keep delivering to the webhooks we had; say why the new file is not used.
            shared.withLock { $0.webhooksProblem = "\(error)" }
        }
    }

    /// Applies a changed `config.json`: `disable-events-log` at once; a new port needs a restart.
    private func reloadConfigIfChanged() {
        guard configFile.changed() else { return }
        let layout = options.layout
        do {
            let config = try layout.configStore.load()
            pipeline.humanLogEnabled.store(!config.disableEventsLog, ordering: .relaxed)
            let previous = shared.withLock { files in
                defer {
                    files.config = config
                    files.configProblem =
                        options.port == nil && config.port != port
                        ? "config port is now \(config.port) but the engine listens on \(port): restart it to move" : nil
                }
                return files.config
            }
            if config.logLevel != previous.logLevel {
                options.logLevel.set(glusterName: config.logLevel)
                options.logger.notice("log-level is now \(config.logLevel)")
            }
        } catch {
            shared.withLock { $0.configProblem = "\(error)" }
        }
    }

    // MARK: - Addresses

    private static func addresses(_ listen: [String], port: Int) throws -> [ListenAddress] {
        guard !listen.isEmpty else { return ListenAddress.defaults(port: port) }
        return try listen.map { text in
            guard let address = ListenAddress.parse(text, defaultPort: port) else {
                throw StartError(description: "--listen \(text): expected HOST, HOST:PORT or [IPv6]:PORT")
            }
            return address
        }
    }

    /// One line when the port is taken everywhere (the usual case: glustereventsd runs), naming
    /// the holder and what to do; otherwise a line per address.
    private static func explain(_ failures: [UDPReceiver.BindFailure], port: Int) -> String {
        let advice =
            "stop it (for glustereventsd: systemctl stop glustereventsd) or choose another port with --port"
            + " (gluster's daemons always send to \(EventsConfig.glusterSendersPort))"
        if failures.allSatisfy(\.addressInUse), let first = failures.first {
            return "\(first.reason): \(advice)"
        }
        var lines = failures.map { "cannot listen on \($0)" }
        if failures.contains(where: \.addressInUse) { lines.append("for the port in use: \(advice)") }
        return lines.joined(separator: "\n")
    }
}
