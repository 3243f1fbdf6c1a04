import EventLog
import Foundation
import GlusterEvents
import Synchronization
import Testing

@testable import WebhookDelivery
import TestSupport

/// Answers requests as a test says, off the caller's thread, and remembers what was sent: the
/// delivery engine's thread, lanes, log reading and positions run for real, without sockets.
final class FakeTransport: DeliveryTransport {
    /// How to answer the `attempt`-th request (from 1) for event `sequence`; nil: never answer.
    typealias Answer = @Sendable (_ sequence: UInt64, _ attempt: Int) -> HTTPOutcome?

    private let answer: Answer
    private let sent = Mutex<[UInt64]>([])
    private let outstanding = Atomic<Int>(0)
    private let mostOutstanding = Atomic<Int>(0)

    init(_ answer: @escaping Answer = { _, _ in FakeTransport.ok }) { self.answer = answer }

    static let ok = HTTPOutcome(status: 200, error: nil, latencySeconds: 0.001)
    static let unavailable = HTTPOutcome(status: 503, error: nil, latencySeconds: 0.001)
    static let refused = HTTPOutcome(status: 400, error: nil, latencySeconds: 0.001)

    /// Every request's event sequence, in the order sent.
    var requests: [UInt64] { sent.withLock { $0 } }
    var mostAtOnce: Int { mostOutstanding.load(ordering: .relaxed) }

    func post(_ request: HTTPRequest, completion: @escaping CurlMultiClient.Completion) {
        let id = request.headers.first { $0.hasPrefix("webhook-id: ") }.flatMap { UInt64($0.dropFirst("webhook-id: ".count)) } ?? 0
        let attempt = sent.withLock { sent in
            sent.append(id)
            return sent.filter { $0 == id }.count
        }
        let now = outstanding.wrappingAdd(1, ordering: .relaxed).newValue
        _ = mostOutstanding.max(now, ordering: .relaxed)
        guard let outcome = answer(id, attempt) else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.002) { [self] in
            outstanding.subtract(1, ordering: .relaxed)
            completion(outcome)
        }
    }
}

@Suite struct DeliveryEngineTests {
    let temporary = TemporaryDirectory()
    var directory: String { temporary.path }

    /// A log of `count` events, and an engine over it delivering to one webhook through `transport`.
    private func engine(
        events count: Int, maxInFlight: Int = 16, transport: FakeTransport, newest: UInt64 = 0
    ) throws -> (DeliveryEngine, Webhook) {
        let writer = try EventLogWriter(directory: directory + "/log")
        let events = (0..<count).map { n in
            ReceivedEvent(
                name: "VOLUME_CREATE", timestamp: 1, body: #"{"event": "VOLUME_CREATE", "message": {"n": "\#(n)"}, "nodeid": "x", "ts": 1}"#,
                source: "127.0.0.1:1", receivedAtMillis: 1)
        }
        if !events.isEmpty { try writer.append(events) }
        var settings = DeliveryEngine.Settings(
            logDirectory: directory + "/log", positionsFile: directory + "/positions.json", givenUpFile: directory + "/given-up.log")
        settings.policy = RetryPolicy(firstDelaySeconds: 0.01, maxDelaySeconds: 0.02, maxRetrySeconds: 60)
        let webhook = Webhook(url: "http://hook/listen", extraSettings: [("max_in_flight", .int(Int64(maxInFlight)))])
        let engine = DeliveryEngine(settings: settings, client: transport, webhooks: [webhook], newest: newest)
        engine.start()
        engine.logAdvanced(to: writer.nextSequence - 1)
        return (engine, webhook)
    }


    @Test func oneInFlightKeepsStrictOrderThroughRetries() throws {
        let transport = FakeTransport { sequence, attempt in sequence == 3 && attempt <= 2 ? FakeTransport.unavailable : FakeTransport.ok }
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
        let transport = FakeTransport { sequence, _ in sequence == 2 ? FakeTransport.refused : FakeTransport.ok }
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
        #expect(waitFor(timeout: 10) { again.health()[webhook.url]?.delivered == 3 })
        again.stop()
        #expect(second.requests.sorted() == [6, 7, 8])
    }
}
