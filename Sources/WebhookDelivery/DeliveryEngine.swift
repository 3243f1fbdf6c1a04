import EventLog
import Foundation
import GlusterEvents
import Synchronization

/// Delivers the durable event log to every webhook: each webhook reads the log from its own
/// persisted position (a `WebhookLane`), so one that is down, slow or new holds up nothing else,
/// and a restart — even after `kill -9` — resumes where delivery stood (at least once).
///
/// The webhooks are shared out among `DeliveryShard`s — a thread each, driving an HTTP transport of
/// its own — by a hash of their URL, so a webhook stays with its shard and many webhooks use
/// several CPUs; shards left without webhooks lend their transports to those with some, so that
/// a single busy webhook uses them too. This type routes to the shards and puts their answers together.
public final class DeliveryEngine: Sendable {
    public struct Settings: Sendable {
        public var logDirectory: String
        public var positionsFile: String
        public var givenUpFile: String
        /// What each event's `webhook-id` is made of: this engine's node id and the log's epoch.
        public var ids: WebhookMessageIDs
        public var policy = RetryPolicy()
        public var connectTimeoutMillis = 5_000
        public var totalTimeoutMillis = 10_000
        /// Deliver events that arrived by HTTP ingest too (off: they are only logged and shown).
        public var forwardHTTPEvents = false
        /// How often positions are saved while they move.
        public var saveInterval = 0.25
        /// Told the requests that finished, a batch at a time, on the delivery thread (for
        /// `/metrics`): keep it quick.
        public var requestsFinished: @Sendable ([RequestTiming]) -> Void = { _ in }
        /// Where glustereventsd saved webhook certificates (named in certificate errors).
        public var certificatesDirectory = CertificateAdvice.glusterdCertificatesDirectory

        public init(logDirectory: String, positionsFile: String, givenUpFile: String, ids: WebhookMessageIDs) {
            self.logDirectory = logDirectory
            self.ids = ids
            self.positionsFile = positionsFile
            self.givenUpFile = givenUpFile
        }
    }

    private let settings: Settings
    private let shards: [DeliveryShard]
    private let newestLogged = Atomic<UInt64>(0)
    private let givenUpLog: GivenUpLog

    /// - Parameters:
    ///   - transports: one per shard (at least one), each driven by its shard's thread from
    ///     `start()` on; shut them down after `stop()`.
    ///   - webhooks: the registered webhooks; each resumes at its saved position, or starts after
    ///     `newest` (only new events) when it has none.
    ///   - newest: the newest sequence already in the log.
    public init(settings: Settings, transports: [any DrivenTransport], webhooks: [Webhook], newest: UInt64) {
        precondition(!transports.isEmpty, "delivery needs a transport")
        self.settings = settings
        let store = DeliveryPositions(path: settings.positionsFile)
        let saved = store.load()
        let resume = saved.mapValues { place in
            guard let epoch = place.epoch, epoch != settings.ids.epoch else { return place }
            // Saved in another log (this one was reset, or made anew): none of this one's events
            // went to the webhook; its counts go on.
            return DeliveryPlace(position: 1, tally: place.tally)
        }
        let registered = Set(webhooks.map(\.url))
        let book = DeliveryPositionsBook(
            store: store, epoch: settings.ids.epoch, saved: saved, resumed: resume.filter { registered.contains($0.key) })
        let givenUpLog = GivenUpLog(path: settings.givenUpFile)
        self.givenUpLog = givenUpLog
        let shares = Self.shares(of: webhooks, among: transports.count)
        shards = transports.enumerated().map { index, transport in
            DeliveryShard(
                name: index == 0 ? "ed-delivery" : "ed-delivery-\(index)", settings: settings, client: transport,
                webhooks: shares[index], newest: newest, resume: resume, book: book, givenUpLog: givenUpLog)
        }
        lendIdleTransports(shares)
        newestLogged.store(newest, ordering: .relaxed)
    }

    /// One shard: what tests and a single webhook need.
    public convenience init(settings: Settings, client: any DrivenTransport, webhooks: [Webhook], newest: UInt64) {
        self.init(settings: settings, transports: [client], webhooks: webhooks, newest: newest)
    }

    public func start() { shards.forEach { $0.start() } }

    /// Events up to `sequence` are in the log.
    public func logAdvanced(to sequence: UInt64) {
        newestLogged.store(sequence, ordering: .relaxed)
        for shard in shards { shard.logAdvanced(to: sequence) }
    }

    /// Retention deleted the log's events up to `sequence`, some of them not yet delivered: each
    /// webhook that had not read them gives them up (recorded in `given-up.log`, counted in health).
    public func logDeleted(through sequence: UInt64) {
        for shard in shards { shard.logDeleted(through: sequence) }
    }

    /// Each webhook's position (the oldest event it has not finished), by URL: the log must keep
    /// these events for it. A webhook added later starts with events not yet logged.
    public func neededPositions() -> [String: UInt64] {
        merged { $0.neededPositions() }
    }

    /// The registered webhooks changed: new ones start with the next event, removed ones stop,
    /// changed ones keep their place and in-flight requests.
    public func update(webhooks: [Webhook]) {
        let shares = Self.shares(of: webhooks, among: shards.count)
        for (shard, share) in zip(shards, shares) { shard.update(webhooks: share) }
        lendIdleTransports(shares)
    }

    /// Lends each shard without webhooks to one with some (in turn), which then sends part of its
    /// requests over the lender's transport, driven by the lender's thread.
    private func lendIdleTransports(_ shares: [[Webhook]]) {
        let busy = shares.indices.filter { !shares[$0].isEmpty }
        var lenders = [[DeliveryShard]](repeating: [], count: shards.count)
        var carrying = [Int](repeating: 0, count: shards.count)
        for (turn, idle) in shares.indices.filter({ shares[$0].isEmpty }).enumerated() where !busy.isEmpty {
            let borrower = busy[turn % busy.count]
            lenders[borrower].append(shards[idle])
            carrying[idle] = shares[borrower].reduce(0) { $0 + WebhookSettings($1).maxInFlight }
        }
        for (index, shard) in shards.enumerated() {
            shard.borrow(from: lenders[index])
            shard.carry(carrying[index])
        }
    }

    /// Sends `url`'s waiting retries now rather than when their backoff ends (the operator asked,
    /// or a test ping just reached the webhook).
    public func retryNow(url: String) {
        shards[Self.shard(of: url, among: shards.count)].retryNow(url: url)
    }

    /// Saves positions and stops the threads (requests still in flight are sent again after a restart).
    public func stop() { shards.forEach { $0.stop() } }

    /// Health of every webhook, by URL.
    public func health() -> [String: WebhookHealth] {
        let now = Date().timeIntervalSince1970
        let newest = newestLogged.load(ordering: .relaxed)
        return merged { $0.health(now: now, newest: newest) }
    }

    /// What became of the event `sequence` (named `eventName`) at every webhook, by URL.
    public func deliveries(of sequence: UInt64, eventName: String) -> [String: EventDelivery] {
        merged { $0.deliveries(of: sequence, eventName: eventName) }
    }

    /// Sends the logged event `sequence` to `webhook` again, now, apart from its lane (its
    /// position does not move), on its shard's transport; false when the log no longer has the event.
    public func redeliver(_ sequence: UInt64, to webhook: Webhook, completion: @escaping CurlMultiClient.Completion) -> Bool {
        let shard = shards[Self.shard(of: webhook.url, among: shards.count)]
        return Redelivery.send(
            sequence, to: webhook, logDirectory: settings.logDirectory, ids: settings.ids, givenUpLog: givenUpLog,
            client: shard.client, timeouts: shard.timeouts, completion: completion)
    }

    /// Which of `count` shards serves `url`: FNV-1a of its bytes, the same in every run.
    static func shard(of url: String, among count: Int) -> Int {
        guard count > 1 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(hash % UInt64(count))
    }

    /// `webhooks` as `count` shards take them.
    private static func shares(of webhooks: [Webhook], among count: Int) -> [[Webhook]] {
        var shares = Array(repeating: [Webhook](), count: count)
        for webhook in webhooks { shares[shard(of: webhook.url, among: count)].append(webhook) }
        return shares
    }

    private func merged<Value>(_ part: (DeliveryShard) -> [String: Value]) -> [String: Value] {
        shards.reduce(into: [:]) { all, shard in all.merge(part(shard)) { first, _ in first } }
    }
}
