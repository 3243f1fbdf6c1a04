import EventLog
import Foundation
import GlusterEvents
import Synchronization
import Testing

@testable import WebhookDelivery
import TestSupport

/// Answers requests as a test says, after 2 ms of its own, and remembers what was sent: the
/// delivery engine's thread, lanes, log reading and positions run for real, without sockets. Like
/// libcurl's multi handle, it runs completions in `drive`, on the thread that drives it.
final class FakeTransport: DrivenTransport {
    /// How to answer the `attempt`-th request (from 1) for event `sequence` to `url`; nil: never answer.
    typealias Answer = @Sendable (_ url: String, _ sequence: UInt64, _ attempt: Int) -> HTTPOutcome?

    struct Sent {
        var url: String
        var sequence: UInt64
        /// When it was sent (seconds since 1970).
        var at: Double
    }

    private let answer: Answer
    /// Answers come from a queue of the fake's own: a serial queue gets a thread even while the
    /// tests running beside it block every thread of the global pool (Swift concurrency's, on
    /// Linux, is libdispatch's), which would delay an answer by a second and make the engine
    /// give up early.
    private let replies = DispatchQueue(label: "eventsdash-fake-transport")
    private let sent = Mutex<[Sent]>([])
    private let outstanding = Atomic<Int>(0)
    private let mostOutstanding = Atomic<Int>(0)
    /// Answers due, waiting for the next `drive`.
    private let answered = Mutex<[(CurlMultiClient.Completion, HTTPOutcome)]>([])
    private let woken = DispatchSemaphore(value: 0)

    init(_ answer: @escaping Answer = { _, _, _ in FakeTransport.ok }) { self.answer = answer }

    static let ok = HTTPOutcome(status: 200, error: nil, latencySeconds: 0.001)
    static let unavailable = HTTPOutcome(status: 503, error: nil, latencySeconds: 0.001)
    static let refused = HTTPOutcome(status: 400, error: nil, latencySeconds: 0.001)

    /// Every request's event sequence, in the order sent (to any webhook).
    var requests: [UInt64] { sent.withLock { $0.map(\.sequence) } }
    /// The requests to `url`, in the order sent.
    func requests(to url: String) -> [Sent] { sent.withLock { $0.filter { $0.url == url } } }
    var mostAtOnce: Int { mostOutstanding.load(ordering: .relaxed) }

    func post(_ request: HTTPRequest, completion: @escaping CurlMultiClient.Completion) {
        let webhookID = request.headers.first { $0.hasPrefix("webhook-id: ") }.map { String($0.dropFirst("webhook-id: ".count)) }
        let id = webhookID.flatMap(DeliveryEngineTests.ids.sequence(of:)) ?? 0
        let attempt = sent.withLock { sent in
            sent.append(Sent(url: request.url, sequence: id, at: Date().timeIntervalSince1970))
            return sent.filter { $0.url == request.url && $0.sequence == id }.count
        }
        let now = outstanding.wrappingAdd(1, ordering: .relaxed).newValue
        _ = mostOutstanding.max(now, ordering: .relaxed)
        guard let outcome = answer(request.url, id, attempt) else { return }
        replies.asyncAfter(deadline: .now() + 0.002) { [self] in
            outstanding.subtract(1, ordering: .relaxed)
            answered.withLock { $0.append((completion, outcome)) }
            wake()
        }
    }

    func drive(timeout: Double) {
        if answered.withLock({ $0.isEmpty }), timeout > 0 { _ = woken.wait(timeout: .now() + timeout) }
        let due = answered.withLock { answered in
            defer { answered.removeAll() }
            return answered
        }
        for (completion, outcome) in due { completion(outcome) }
    }

    func wake() { woken.signal() }
    func keepConnections(_ count: Int) {}
    func shutdown() {}
}

@Suite struct DeliveryEngineTests {
    /// What the engine under test makes its `webhook-id`s of.
    static let ids = WebhookMessageIDs(nodeID: "0b9f3c2e-5d1a-4c7e-9f00-6a1b2c3d4e5f", epoch: "00c0ffee00c0ffee")
    let temporary = TemporaryDirectory()
    var directory: String { temporary.path }

    static let quickRetries = RetryPolicy(firstDelaySeconds: 0.01, maxDelaySeconds: 0.02, maxRetrySeconds: 60)

    static func webhook(_ url: String = "http://hook/listen", maxInFlight: Int = 16) -> Webhook {
        Webhook(url: url, extraSettings: [("max_in_flight", .int(Int64(maxInFlight)))])
    }

    /// A log of `count` events, and an engine over it delivering to one webhook through `transport`.
    private func engine(
        events count: Int, maxInFlight: Int = 16, transport: FakeTransport, newest: UInt64 = 0
    ) throws -> (DeliveryEngine, Webhook) {
        let webhook = Self.webhook(maxInFlight: maxInFlight)
        return (try engine(events: count, webhooks: [webhook], transport: transport, newest: newest), webhook)
    }

    /// A log of `count` events, and an engine over it delivering to `webhooks` through `transport`.
    private func engine(
        events count: Int, webhooks: [Webhook], policy: RetryPolicy = quickRetries, transport: FakeTransport, newest: UInt64 = 0
    ) throws -> DeliveryEngine {
        let writer = try EventLogWriter(directory: directory + "/log")
        let events = (0..<count).map { n in
            ReceivedEvent(
                name: "VOLUME_CREATE", timestamp: 1, body: #"{"event": "VOLUME_CREATE", "message": {"n": "\#(n)"}, "nodeid": "x", "ts": 1}"#,
                source: "127.0.0.1:1", receivedAtMillis: 1)
        }
        if !events.isEmpty { try writer.append(events) }
        var settings = DeliveryEngine.Settings(
            logDirectory: directory + "/log", positionsFile: directory + "/positions.json", givenUpFile: directory + "/given-up.log",
            ids: Self.ids)
        settings.policy = policy
        let engine = DeliveryEngine(settings: settings, client: transport, webhooks: webhooks, newest: newest)
        engine.start()
        engine.logAdvanced(to: writer.nextSequence - 1)
        return engine
    }

    @Test func oneInFlightKeepsStrictOrderThroughRetries() throws {
        let transport = FakeTransport { _, sequence, attempt in sequence == 3 && attempt <= 2 ? FakeTransport.unavailable : FakeTransport.ok }
        let (engine, webhook) = try self.engine(events: 6, maxInFlight: 1, transport: transport)
        #expect(waitFor(timeout: 10) { engine.health()[webhook.url]?.delivered == 6 })
        engine.stop()
        #expect(transport.requests == [1, 2, 3, 3, 3, 4, 5, 6])  // nothing after 3 until 3 got through
        #expect(transport.mostAtOnce == 1)
        #expect(engine.health()[webhook.url]?.failed == 2)
    }

    @Test func concurrencyIsBoundedByMaxInFlight() throws {
        let transport = FakeTransport()
        let (engine, webhook) = try self.engine(events: 200, maxInFlight: 4, transport: transport)
        #expect(waitFor(timeout: 10) { engine.health()[webhook.url]?.delivered == 200 })
        engine.stop()
        #expect(transport.mostAtOnce <= 4)
        #expect(Set(transport.requests) == Set(1...200) && transport.requests.count == 200)
    }

    @Test func aRefusedEventIsGivenUpOnRecordAndTheRestDelivered() throws {
        let transport = FakeTransport { _, sequence, _ in sequence == 2 ? FakeTransport.refused : FakeTransport.ok }
        let (engine, webhook) = try self.engine(events: 4, transport: transport)
        #expect(waitFor(timeout: 10) { engine.health()[webhook.url]?.delivered == 3 && engine.health()[webhook.url]?.givenUp == 1 })
        engine.stop()
        #expect(transport.requests.filter { $0 == 2 }.count == 1)  // a 4xx is not retried
        let listed = GivenUpLog(path: directory + "/given-up.log").entries()
        #expect(listed.map(\.sequence) == [2])
        #expect(listed.first?.reason.contains("HTTP 400") == true)
    }

    @Test func aRestartResumesWhereDeliveryStood() throws {
        let first = FakeTransport()
        let (engine, webhook) = try self.engine(events: 5, transport: first)
        #expect(waitFor(timeout: 10) { engine.health()[webhook.url]?.delivered == 5 })
        engine.stop()  // saves positions

        let second = FakeTransport()
        let (again, _) = try self.engine(events: 3, transport: second, newest: 8)  // 3 more: 6...8
        #expect(waitFor(timeout: 10) { again.health()[webhook.url]?.delivered == 8 })  // 5 before the restart
        again.stop()
        #expect(second.requests.sorted() == [6, 7, 8])
    }

    @Test func eachWebhookKeepsItsOwnOrderThroughRetries() throws {
        // Every third event fails once at each webhook; with one request in flight each keeps log order.
        let transport = FakeTransport { _, sequence, attempt in sequence % 3 == 0 && attempt == 1 ? FakeTransport.unavailable : FakeTransport.ok }
        let (a, b) = (Self.webhook("http://a/listen", maxInFlight: 1), Self.webhook("http://b/listen", maxInFlight: 1))
        let engine = try self.engine(events: 20, webhooks: [a, b], transport: transport)
        #expect(waitFor(timeout: 5) { engine.health()[a.url]?.delivered == 20 && engine.health()[b.url]?.delivered == 20 })
        engine.stop()
        for url in [a.url, b.url] {
            let sent = transport.requests(to: url).map(\.sequence)
            #expect(sent == sent.sorted())
            #expect(Set(sent) == Set(1...20) && sent.count == 26)  // 3, 6, … 18 twice
        }
    }

    @Test func retriesBackOffThenTheEventIsGivenUpOnRecord() throws {
        let transport = FakeTransport { _, _, _ in FakeTransport.unavailable }
        // A second of retries: a loaded machine (tests run in parallel) may take 0.3 s to answer one.
        let policy = RetryPolicy(firstDelaySeconds: 0.02, maxDelaySeconds: 0.08, maxRetrySeconds: 1)
        let webhook = Self.webhook()
        let started = Date().timeIntervalSince1970
        let engine = try self.engine(events: 1, webhooks: [webhook], policy: policy, transport: transport)
        #expect(waitFor(timeout: 4) { engine.health()[webhook.url]?.givenUp == 1 })
        engine.stop()
        let times = transport.requests(to: webhook.url).map(\.at)
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        // Each wait is at least half its backoff (the other half is random): 0.02, 0.04, then 0.08 at most.
        let least = gaps.indices.map { min(0.08, 0.02 * Double(1 << $0)) / 2 }
        #expect(gaps.count >= 3)
        #expect(zip(gaps, least).allSatisfy { gap, least in gap >= least - 0.002 })
        let listed = GivenUpLog(path: directory + "/given-up.log").entries()
        #expect(listed.map(\.sequence) == [1])
        let givenUpAt = Double(listed.first?.atMillis ?? 0) / 1000
        #expect(givenUpAt - started >= 1)  // retried for as long as the policy says, no less
        #expect(listed.first?.reason.contains("still failing after") == true && listed.first?.reason.contains("HTTP 503") == true)
    }

    @Test func aPositionMovesOnlyPastWhatSucceeded() throws {
        // Event 3 hangs (never answered); 1, 2, 4 and 5 succeed.
        let transport = FakeTransport { _, sequence, _ in sequence == 3 ? nil : FakeTransport.ok }
        let webhook = Self.webhook()
        let engine = try self.engine(events: 5, webhooks: [webhook], transport: transport)
        #expect(waitFor(timeout: 2) { engine.health()[webhook.url]?.delivered == 4 })
        #expect(engine.neededPositions()[webhook.url] == 3)
        engine.stop()
        let saved = DeliveryPositions(path: directory + "/positions.json").load()[webhook.url]
        #expect(saved?.position == 3)
        #expect(saved?.finishedAhead == [4...5])

        let again = FakeTransport()
        let resumed = try self.engine(events: 0, webhooks: [webhook], transport: again, newest: 5)
        // The count goes on from where it stood: 4 before the restart.
        #expect(waitFor(timeout: 2) { resumed.health()[webhook.url]?.delivered == 5 })
        resumed.stop()
        #expect(again.requests == [3])  // only what had not succeeded
        #expect(DeliveryPositions(path: directory + "/positions.json").load()[webhook.url]?.position == 6)
    }

    @Test func aWebhookThatIsDownDelaysNoOther() throws {
        let (down, up) = (Self.webhook("http://down/listen"), Self.webhook("http://up/listen"))
        let transport = FakeTransport { url, _, _ in url == down.url ? FakeTransport.unavailable : FakeTransport.ok }
        let engine = try self.engine(
            events: 100, webhooks: [down, up], policy: RetryPolicy(firstDelaySeconds: 60, maxDelaySeconds: 60), transport: transport)
        #expect(waitFor(timeout: 2) { engine.health()[up.url]?.delivered == 100 })
        let health = engine.health()
        engine.stop()
        #expect(health[down.url]?.delivered == 0 && health[down.url]?.state == .retrying)
        #expect(health[down.url]?.backlog == 100)
    }
}

/// The delivery engine's side of triage: retry now, and figures that survive a restart.
extension DeliveryEngineTests {
    @Test func retryNowEndsTheBackoff() throws {
        let answers = FakeTransport { _, _, attempt in attempt == 1 ? FakeTransport.unavailable : FakeTransport.ok }
        let webhook = Self.webhook()
        let engine = try self.engine(
            events: 1, webhooks: [webhook], policy: RetryPolicy(firstDelaySeconds: 600, maxDelaySeconds: 600), transport: answers)
        #expect(waitFor(timeout: 5) { engine.health()[webhook.url]?.retrying == 1 })
        let due = try #require(engine.health()[webhook.url]?.nextRetryAt)
        #expect(due - Date().timeIntervalSince1970 > 200)
        engine.retryNow(url: webhook.url)
        #expect(waitFor(timeout: 5) { engine.health()[webhook.url]?.delivered == 1 })
        engine.stop()
    }

    /// A positions file from before tallies were kept: the given-up count comes from given-up.log.
    @Test func anOlderPositionsFileTakesTheGivenUpCountFromTheGivenUpLog() throws {
        let webhook = Self.webhook()
        try DeliveryPositions(path: directory + "/positions.json").save([webhook.url: DeliveryPlace(position: 1)], epoch: Self.ids.epoch)
        let log = GivenUpLog(path: directory + "/given-up.log")
        try log.append([
            GivenUpLog.Entry(atMillis: 1_000, sequence: 1, url: webhook.url, reason: "refused: HTTP 400"),
            GivenUpLog.Entry(atMillis: 2_000, sequence: 2, count: 3, url: webhook.url, reason: WebhookLane.GivenUp.retention),
            GivenUpLog.Entry(atMillis: 3_000, sequence: 9, url: "http://other/", reason: "refused: HTTP 400"),
        ])
        try log.recordRedelivered(1, to: webhook.url, outcome: "HTTP 200", atMillis: 4_000)
        let engine = try self.engine(events: 0, webhooks: [webhook], transport: FakeTransport())
        let health = engine.health()[webhook.url]
        engine.stop()
        #expect(health?.givenUp == 3)
        #expect(health?.state == .failing)  // the last that is known: events were given up, not `idle`
    }

    /// Positions are of one log: saved in another (this one was reset, or the node reinstalled), a
    /// webhook gets this log's events from its first, its counts going on; saved in this one, it
    /// resumes where it was.
    @Test func positionsSavedInAnotherLogStartFromThisLogsFirstEvent() throws {
        let webhook = Self.webhook()
        var tally = DeliveryTally()
        tally.delivered = 7
        let positions = DeliveryPositions(path: directory + "/positions.json")
        try positions.save([webhook.url: DeliveryPlace(position: 3, tally: tally)], epoch: "0000000000000001")
        let transport = FakeTransport()
        let engine = try self.engine(events: 4, webhooks: [webhook], transport: transport)
        #expect(waitFor(timeout: 5) { engine.health()[webhook.url]?.delivered == 7 + 4 })
        engine.stop()
        #expect(transport.requests.sorted() == [1, 2, 3, 4])
        #expect(positions.load()[webhook.url]?.epoch == Self.ids.epoch)

        try positions.save([webhook.url: DeliveryPlace(position: 3)], epoch: Self.ids.epoch)
        let resumed = FakeTransport()
        let again = try self.engine(events: 0, webhooks: [webhook], transport: resumed, newest: 4)
        again.logAdvanced(to: 4)
        #expect(waitFor(timeout: 5) { resumed.requests.count == 2 })
        again.stop()
        #expect(resumed.requests.sorted() == [3, 4])
    }

    /// A webhook's own give-up bound applies to it alone: the other keeps retrying (the engine's).
    @Test func aWebhooksOwnGiveUpBoundAppliesToItAlone() throws {
        var quick = Self.webhook("http://down/quick")
        quick.deliverySettings.giveUpAfterSeconds = 0.2
        let patient = Self.webhook("http://down/patient")
        let transport = FakeTransport { _, _, _ in FakeTransport.unavailable }
        let engine = try self.engine(events: 1, webhooks: [quick, patient], transport: transport)
        #expect(waitFor(timeout: 5) { engine.health()[quick.url]?.givenUp == 1 })
        let health = engine.health()
        engine.stop()
        #expect(health[patient.url]?.givenUp == 0 && (health[patient.url]?.failed ?? 0) >= 1)  // failing, still retried
    }
}
