import CMalloc
import EventLog
import Foundation
import GlusterEvents
import Synchronization

/// One delivery thread and the webhooks it serves (`DeliveryEngine` gives each webhook to one
/// shard, for good): it runs their lanes and drives their HTTP transport (`DrivenTransport`:
/// libcurl's multi handle) — it reads the log, starts requests, takes their outcomes as they
/// finish, schedules retries and publishes positions — so a finished request's slot is filled
/// again without a hand-over between threads. Other threads only post to its inbox (new events
/// logged, webhooks changed) and wake it, and read health under a lock.
///
/// A shard without webhooks lends its transport (`borrow`): a shard that borrows it sends part of
/// its requests over it, so that one busy webhook's HTTP work — most of delivery's CPU — is spread
/// over the delivery threads while its state stays with its own. Those requests' outcomes come
/// back through `returned`, a batch at a time.
final class DeliveryShard: @unchecked Sendable {
    // @unchecked: `finished`, `cursors`, `countingCursors`, `resumePositions`, `lastSave`, `ownInFlight`,
    // `carriers` and `carrying` belong to the shard's thread (and to `init`, before it starts); the
    // rest is immutable, a `Mutex` or a semaphore.
    /// A request's outcome, for the event `sequence` to `url` (received at `receivedAtMillis`).
    private typealias Outcome = (url: String, sequence: UInt64, receivedAtMillis: Int64, outcome: HTTPOutcome)

    private struct Inbox: ~Copyable {
        var webhooks: [Webhook]?
        var newest: UInt64 = 0
        /// Retention deleted events up to this one, needed or not.
        var deletedThrough: UInt64 = 0
        /// Webhooks whose waiting retries are to be sent now.
        var retryNow: Set<String> = []
        /// The shards whose transports this one may send over too, when that changed.
        var lenders: [DeliveryShard]?
        /// How many requests at most other shards send over this one's transport, when that changed.
        var carrying: Int?
        var stopping = false
    }

    /// A transport this shard sends over besides its own, and how many of its requests are on it.
    private struct Carrier {
        var lender: ObjectIdentifier
        var transport: any DrivenTransport
        var inFlight = 0
    }

    private let settings: DeliveryEngine.Settings
    let client: any DrivenTransport
    private let name: String
    private let inbox: Mutex<Inbox>
    private let stopped = DispatchSemaphore(value: 0)
    /// The lanes, by URL: changed by the delivery thread, read by others (health, detail).
    private let lanes = Mutex<[String: WebhookLane]>([:])
    /// Requests finished since the loop last took them: appended by their completions, which run
    /// on the shard's thread, in `drive`.
    private var finished: [Outcome] = []
    /// Requests finished on lent transports (their completions run on the lenders' threads), by lender.
    private let returned = Mutex<[(outcome: Outcome, lender: ObjectIdentifier)]>([])
    /// This shard's requests on its own transport.
    private var ownInFlight = 0
    /// Lent transports, and this shard's requests on each.
    private var carriers: [Carrier] = []
    /// How many requests at most other shards send over this one's transport (for its connections).
    private var carrying = 0
    /// Owned by the delivery thread.
    private var cursors: [String: EventLogCursor] = [:]
    /// Cursors counting ahead for filtered webhooks' backlogs, with the next sequence each reads.
    private var countingCursors: [String: (cursor: EventLogCursor, next: UInt64)] = [:]
    /// Where webhooks stood when the engine last stopped: used once, when the lanes are first made.
    private var resumePositions: [String: DeliveryPlace]?
    private var lastSave = 0.0
    /// When to give memory back to the system once more after webhooks were removed (see `apply`).
    private var trimAgainAt: Double?
    private let book: DeliveryPositionsBook
    private let givenUpLog: GivenUpLog

    /// - Parameters:
    ///   - webhooks: this shard's webhooks; each resumes at its place in `resume`, or starts after
    ///     `newest` (only new events) when it has none.
    ///   - client: driven by the shard's thread from `start()` on.
    init(
        name: String, settings: DeliveryEngine.Settings, client: any DrivenTransport, webhooks: [Webhook], newest: UInt64,
        resume: [String: DeliveryPlace], book: DeliveryPositionsBook, givenUpLog: GivenUpLog
    ) {
        self.name = name
        self.settings = settings
        self.client = client
        self.book = book
        self.givenUpLog = givenUpLog
        resumePositions = resume
        inbox = Mutex(Inbox(newest: newest))
        apply(webhooks, newest: newest)  // now, so that `neededPositions()` knows them from the start
    }

    func start() {
        let thread = Thread { [self] in
            // Named through /proc (Foundation's name does not reach the kernel here), so `top -H`
            // and perf tell the shards apart.
            try? name.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            run()
        }
        thread.start()
    }

    func logAdvanced(to sequence: UInt64) {
        inbox.withLock { $0.newest = max($0.newest, sequence) }
        // A shard without webhooks has nothing to read: not woken for each batch logged.
        if !lanes.withLock({ $0.isEmpty }) { client.wake() }
    }

    func logDeleted(through sequence: UInt64) {
        inbox.withLock { $0.deletedThrough = max($0.deletedThrough, sequence) }
        client.wake()
    }

    func neededPositions() -> [String: UInt64] {
        lanes.withLock { $0.mapValues(\.position) }
    }

    func update(webhooks: [Webhook]) {
        inbox.withLock { $0.webhooks = webhooks }
        client.wake()
    }

    /// Sends over `lenders`' transports too from now on (none: only over its own).
    func borrow(from lenders: [DeliveryShard]) {
        inbox.withLock { $0.lenders = lenders }
        client.wake()
    }

    /// Other shards send up to `requests` at once over this shard's transport.
    func carry(_ requests: Int) {
        inbox.withLock { $0.carrying = requests }
        client.wake()
    }

    func retryNow(url: String) {
        inbox.withLock { _ = $0.retryNow.insert(url) }
        client.wake()
    }

    func stop() {
        inbox.withLock { $0.stopping = true }
        client.wake()
        stopped.wait()
    }

    func health(now: Double, newest: UInt64) -> [String: WebhookHealth] {
        lanes.withLock { $0.mapValues { $0.health(now: now, newest: newest) } }
    }

    func deliveries(of sequence: UInt64, eventName: String) -> [String: EventDelivery] {
        lanes.withLock { $0.mapValues { $0.delivery(of: sequence, eventName: eventName) } }
    }

    /// `ReceivedEvent.httpSourcePrefix` as bytes: compared once per event read.
    private static let httpSourcePrefix = Array(ReceivedEvent.httpSourcePrefix.utf8)

    var timeouts: WebhookRequests.Timeouts {
        .init(connectMillis: settings.connectTimeoutMillis, totalMillis: settings.totalTimeoutMillis)
    }

    // MARK: - The delivery thread

    private func run() {
        // Ingest comes first: on a busy machine the socket reader wins and delivery catches up.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        while true {
            let (webhooks, newest, deletedThrough, retryNow, lenders, carrying, stopping) = inbox.withLock { inbox in
                defer {
                    inbox.webhooks = nil
                    inbox.retryNow = []
                    inbox.lenders = nil
                    inbox.carrying = nil
                }
                return (
                    inbox.webhooks, inbox.newest, inbox.deletedThrough, inbox.retryNow, inbox.lenders, inbox.carrying, inbox.stopping
                )
            }
            if stopping { break }
            let now = Date().timeIntervalSince1970
            if let lenders { takeCarriers(from: lenders) }
            if let carrying { self.carrying = carrying }
            if let webhooks {
                apply(webhooks, newest: newest)
            } else if carrying != nil {
                keepConnections()
            }
            skipDeleted(through: deletedThrough)
            finish(finished, now: now)
            finished.removeAll(keepingCapacity: true)
            finishReturned(now: now)
            giveUpPastDeadlines(now: now)
            if !retryNow.isEmpty {
                lanes.withLock { lanes in for url in retryNow { lanes[url]?.retryNow(now: now) } }
            }
            read(upTo: newest)
            let counted = countAhead(upTo: newest)
            send(now: now)
            savePositions(now: now, force: false)
            trimAgainIfDue(now: now)
            var wakeAt = Double.infinity
            lanes.withLock { $0.updateEach { _, lane in wakeAt = min(wakeAt, lane.nextWake ?? .infinity, lane.nextDeadline ?? .infinity) } }
            let timeout = counted ? 0 : min(settings.saveInterval, max(0.001, wakeAt - now))
            client.drive(timeout: timeout)
        }
        savePositions(now: Date().timeIntervalSince1970, force: true)
        stopped.signal()
    }

    private func apply(_ webhooks: [Webhook], newest: UInt64) {
        let removed = lanes.withLock { lanes in
            let urls = Set(webhooks.map(\.url))
            let removed = lanes.keys.filter { !urls.contains($0) }
            for url in removed {
                lanes[url] = nil
                cursors[url] = nil
                countingCursors[url] = nil
                book.forget(url)
            }
            for webhook in webhooks {
                if lanes[webhook.url] != nil {
                    lanes[webhook.url]!.webhook = webhook
                    lanes[webhook.url]!.settings = WebhookSettings(webhook)
                } else {
                    var place = resumePositions?[webhook.url] ?? DeliveryPlace(position: newest + 1)
                    if resumePositions?[webhook.url] != nil, place.tally == nil { place.tally = givenUpTally(webhook.url) }
                    lanes[webhook.url] = WebhookLane(webhook: webhook, policy: settings.policy, from: place)
                    cursors[webhook.url] = EventLogCursor(directory: settings.logDirectory, from: place.position)
                }
            }
            let share = WebhookLane.ReadAhead(sharedBy: lanes.count)
            lanes.updateEach { _, lane in lane.readAhead = share }
            return removed.count
        }
        resumePositions = nil  // a webhook added later (or again) starts with new events
        keepConnections()
        // What removed webhooks held (their events, cursors, idle handles) goes back to the system,
        // not only to malloc's free lists: thousands of them removed are tens of MB. Once now, and
        // again when their requests cut short have come back.
        if removed > 0 {
            malloc_trim(0)
            trimAgainAt = Date().timeIntervalSince1970 + Self.trimAgainAfter
        }
    }

    private static let trimAgainAfter = 5.0

    private func trimAgainIfDue(now: Double) {
        guard let at = trimAgainAt, now >= at else { return }
        malloc_trim(0)
        trimAgainAt = nil
    }

    /// Tells the transport how many connections may be wanted: as many as its own webhooks and the
    /// shards it carries for may have requests in flight.
    private func keepConnections() {
        let own = lanes.withLock { lanes in lanes.values.reduce(0) { $0 + $1.settings.maxInFlight } }
        client.keepConnections(own + carrying)
    }

    /// Takes the lenders' transports, keeping the count of requests already on each one still lent.
    private func takeCarriers(from lenders: [DeliveryShard]) {
        carriers = lenders.map { lender in
            let id = ObjectIdentifier(lender)
            return Carrier(lender: id, transport: lender.client, inFlight: carriers.first { $0.lender == id }?.inFlight ?? 0)
        }
    }

    /// Finishes the requests that came back from lent transports.
    private func finishReturned(now: Double) {
        let outcomes = returned.withLock { returned in
            defer { returned.removeAll(keepingCapacity: true) }
            return returned
        }
        guard !outcomes.isEmpty else { return }
        for (_, lender) in outcomes {
            if let index = carriers.firstIndex(where: { $0.lender == lender }) { carriers[index].inFlight -= 1 }
        }
        finish(outcomes.map(\.outcome), now: now)
    }

    /// For a positions file written before tallies were kept: the given-up count from
    /// `given-up.log` (less what was redelivered since), so a restart does not show 0.
    private func givenUpTally(_ url: String) -> DeliveryTally? {
        let entries = givenUpLog.entries(url: url).filter { $0.redelivered == nil }
        guard let newest = entries.first else { return nil }
        var tally = DeliveryTally()
        let total = entries.reduce(UInt64(0)) { sum, entry in
            let (added, overflow) = sum.addingReportingOverflow(entry.count)
            return overflow ? .max : added
        }
        tally.givenUp = Int(min(total, UInt64(DeliveryTally.maxCount)))
        tally.lastGivenUpAt = newest.atMillis / 1000
        tally.lastFailureAt = tally.lastGivenUpAt  // the last that is known of it
        return tally
    }

    /// Moves the lanes that had not read up to `sequence` past it, giving up what they lose.
    private func skipDeleted(through sequence: UInt64) {
        guard sequence > 0 else { return }
        var givenUp: [(String, WebhookLane.GivenUp)] = []
        lanes.withLock { lanes in
            lanes.updateEach { url, lane in
                guard lane.nextToRead <= sequence else { return }
                givenUp += lane.skip(to: sequence + 1).map { (url, $0) }
                cursors[url] = EventLogCursor(directory: settings.logDirectory, from: sequence + 1)
            }
        }
        record(givenUp)
    }

    private func finish(_ outcomes: [Outcome], now: Double) {
        guard !outcomes.isEmpty else { return }
        var givenUp: [(String, WebhookLane.GivenUp)] = []
        var timings: [RequestTiming] = []
        lanes.withLock { lanes in
            for (url, sequence, received, outcome) in outcomes {
                guard let lane = lanes.index(forKey: url) else { continue }  // deleted meanwhile
                let outcome = CertificateAdvice.advised(outcome, url: url, directory: settings.certificatesDirectory)
                // (A random draw costs a system call: only a retry's jitter needs one.)
                let random = outcome.isSuccess ? 0 : Double.random(in: 0..<1)
                // (Through the index, in place: `lanes[url]` would copy the lane out and back.)
                if let lost = lanes.values[lane].finish(sequence, outcome, now: now, random: random) {
                    givenUp.append((url, lost))
                }
                let deliveredAfter = outcome.isSuccess && received > 0 ? now - Double(received) / 1000 : nil
                timings.append(RequestTiming(url: url, requestSeconds: outcome.latencySeconds, deliveredAfterSeconds: deliveredAfter))
            }
        }
        record(givenUp)
        settings.requestsFinished(timings)
    }

    /// Gives up what waited for its webhook past `give-up-after`, all of it at its deadline.
    private func giveUpPastDeadlines(now: Double) {
        var givenUp: [(String, WebhookLane.GivenUp)] = []
        lanes.withLock { lanes in
            lanes.updateEach { url, lane in givenUp += lane.giveUpPastDeadline(now: now).map { (url, $0) } }
        }
        record(givenUp)
    }

    /// Reads from the log what each lane wants (outside the lock: the disk may be slow).
    private func read(upTo newest: UInt64) {
        var wants: [(url: String, count: Int, bytes: Int)] = []
        lanes.withLock { lanes in
            lanes.updateEach { url, lane in
                if lane.nextToRead <= newest && lane.wantsToRead > 0 { wants.append((url, lane.wantsToRead, lane.readAhead.bytes)) }
            }
        }
        var givenUp: [(String, WebhookLane.GivenUp)] = []
        for (url, count, bytes) in wants {
            guard let cursor = cursors[url] else { continue }
            let events = cursor.read(limit: count, maxBytes: bytes)
            guard let last = events.last else { continue }
            let items = events.map(item)
            let (lost, full) = lanes.withLock { lanes -> ([WebhookLane.GivenUp], Bool) in
                guard let index = lanes.index(forKey: url) else { return ([], false) }
                return (lanes.values[index].feed(items, through: last.sequence), lanes.values[index].wantsToRead == 0)
            }
            givenUp += lost.map { (url, $0) }
            // Its read-ahead full (a webhook that is slow or down), the lane reads nothing for a
            // while: its cursor need not hold a chunk meanwhile (256 KiB, times many webhooks).
            if full { cursor.letGoOfBuffer() }
        }
        record(givenUp)
    }

    private func item(_ event: LoggedEvent) -> DeliveryItem {
        let header = WebhookBodyHeader.nameAndTimestamp(of: event.body) ?? ("", 0)
        return DeliveryItem(
            sequence: event.sequence, eventName: header.name, eventTimestamp: header.timestamp, body: event.body,
            forwardable: settings.forwardHTTPEvents || !event.source.utf8.starts(with: Self.httpSourcePrefix),
            receivedAtMillis: event.receivedAtMillis)
    }

    /// Counts ahead, for each webhook with an event filter, the events it wants that it has not
    /// read (a few MiB of the log a turn, so delivery goes on meanwhile); true while it makes
    /// progress and some are left to count.
    private func countAhead(upTo newest: UInt64) -> Bool {
        var progressed = false
        let wants = lanes.withLock { lanes in
            lanes.compactMap { url, lane in lane.nextToCount.flatMap { $0 <= newest ? (url, $0) : nil } }
        }
        for (url, from) in wants {
            if countingCursors[url]?.next != from {
                countingCursors[url] = (EventLogCursor(directory: settings.logDirectory, from: from), from)
            }
            let events = countingCursors[url]!.cursor.read(limit: 16_384, maxBytes: Self.countingBytes)
            guard let last = events.last else { continue }
            countingCursors[url]!.next = last.sequence + 1
            lanes.withLock { $0[url]?.countAhead(events.map(item), through: last.sequence) }
            progressed = true
        }
        return progressed && lanes.withLock { lanes in lanes.values.contains { lane in lane.nextToCount.map { $0 <= newest } ?? false } }
    }

    /// How much of the log one turn of counting ahead reads.
    private static let countingBytes = 4 << 20

    private func send(now: Double) {
        var sends: [(url: String, webhook: Webhook, settings: WebhookSettings, items: [DeliveryItem])] = []
        lanes.withLock { lanes in
            lanes.updateEach { url, lane in
                let items = lane.nextSends(now: now)
                if !items.isEmpty { sends.append((url, lane.webhook, lane.settings, items)) }
            }
        }
        for (url, webhook, webhookSettings, items) in sends {
            for item in items {
                let (sequence, received) = (item.sequence, item.receivedAtMillis)
                let request = WebhookRequests.delivery(item, ids: settings.ids, to: webhook, settings: webhookSettings, timeouts: timeouts)
                if let index = carrier() {
                    carriers[index].inFlight += 1
                    let lender = carriers[index].lender
                    // On the lender's thread: handed back, and this thread woken to take it.
                    carriers[index].transport.post(request) { [self] outcome in
                        returned.withLock { $0.append(((url, sequence, received, outcome), lender)) }
                        client.wake()
                    }
                } else {
                    ownInFlight += 1
                    // The completion runs on this thread, in `drive`: the loop takes the outcome next.
                    client.post(request) { [self] outcome in
                        ownInFlight -= 1
                        finished.append((url, sequence, received, outcome))
                    }
                }
            }
        }
    }

    /// Which lent transport carries the next request (nil: the shard's own): the one with the
    /// fewest of its requests in flight, if fewer than its own has — a transport whose thread is
    /// quicker finishes sooner and so carries more. (Order is the lane's: one in strict order
    /// sends its next request only when the last finished, whichever transport carried it.)
    private func carrier() -> Int? {
        guard let least = carriers.indices.min(by: { carriers[$0].inFlight < carriers[$1].inFlight }),
            carriers[least].inFlight < ownInFlight
        else { return nil }
        return least
    }

    private func savePositions(now: Double, force: Bool) {
        guard force || now - lastSave >= settings.saveInterval else { return }
        lastSave = now
        book.save(lanes.withLock { $0.mapValues(\.place) })
    }

    /// Appends given-up events to the record users redeliver from.
    private func record(_ givenUp: [(String, WebhookLane.GivenUp)]) {
        guard !givenUp.isEmpty else { return }
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        // A failure here leaves the events counted in health and in the log, only unlisted.
        try? givenUpLog.append(
            givenUp.map { url, event in
                GivenUpLog.Entry(atMillis: millis, sequence: event.sequence, count: event.count, url: url, reason: event.reason)
            })
    }
}

extension Dictionary {
    /// Calls `body` with each key and its value, changed in place: iterating `keys` or `values`
    /// while changing the dictionary would copy all of it, and `dictionary[key]` copies the value
    /// out (a whole `WebhookLane`, on the delivery thread's every turn).
    mutating func updateEach(_ body: (Key, inout Value) throws -> Void) rethrows {
        var index = startIndex
        while index != endIndex {
            try body(keys[index], &values[index])
            formIndex(after: &index)
        }
    }
}
