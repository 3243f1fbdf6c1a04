import EventLog
import Foundation
import GlusterEvents
import Testing

@testable import WebhookDelivery
import TestSupport

/// Webhooks shared out among several delivery threads, each with a transport of its own: each
/// webhook stays with one, every one gets every event, and the one positions file holds them all
/// (a restart sends nothing twice).
@Suite struct DeliveryShardsTests {
    let temporary = TemporaryDirectory()
    var directory: String { temporary.path }
    let webhooks = (1...9).map { DeliveryEngineTests.webhook("http://hook-\($0)/listen") }

    private var settings: DeliveryEngine.Settings {
        var settings = DeliveryEngine.Settings(
            logDirectory: directory + "/log", positionsFile: directory + "/positions.json", givenUpFile: directory + "/given-up.log",
            ids: DeliveryEngineTests.ids)
        settings.policy = DeliveryEngineTests.quickRetries
        return settings
    }

    private func log(_ count: Int, into writer: EventLogWriter) throws {
        try writer.append(
            (0..<count).map { n in
                ReceivedEvent(
                    name: "VOLUME_CREATE", timestamp: 1, body: #"{"event": "VOLUME_CREATE", "message": {"n": "\#(n)"}, "nodeid": "x", "ts": 1}"#,
                    source: "127.0.0.1:1", receivedAtMillis: 1)
            })
    }

    private func delivered(_ engine: DeliveryEngine, _ count: Int) -> Bool {
        let health = engine.health()
        return webhooks.allSatisfy { health[$0.url]?.delivered == count }
    }

    @Test func eachWebhookStaysWithOneShardAndGetsEveryEvent() throws {
        let writer = try EventLogWriter(directory: directory + "/log")
        try log(30, into: writer)
        let transports = (0..<3).map { _ in FakeTransport() }
        let engine = DeliveryEngine(settings: settings, transports: transports, webhooks: webhooks, newest: 0)
        engine.start()
        engine.logAdvanced(to: 30)
        #expect(waitFor(timeout: 10) { delivered(engine, 30) })
        engine.stop()

        var servedBy: [String: Int] = [:]
        for (index, transport) in transports.enumerated() {
            for url in Set(webhooks.map(\.url)) where !transport.requests(to: url).isEmpty {
                #expect(servedBy[url] == nil, "\(url) went through two transports")
                servedBy[url] = index
                #expect(DeliveryEngine.shard(of: url, among: 3) == index)
                #expect(Set(transport.requests(to: url).map(\.sequence)) == Set(1...30))
            }
        }
        #expect(servedBy.count == webhooks.count)
        #expect(Set(servedBy.values).count > 1)  // the nine are shared out, not all on one thread
        #expect(Set(DeliveryPositions(path: settings.positionsFile).load().keys) == Set(webhooks.map(\.url)))
    }

    /// One webhook and three threads: the two shards without webhooks lend their transports, so
    /// the webhook's requests go out over all three — each event once — while its state stays with
    /// its own shard (one position, saved once). A webhook in strict order keeps its order.
    @Test func shardsWithoutWebhooksCarryPartOfABusyWebhooksRequests() throws {
        let writer = try EventLogWriter(directory: directory + "/log")
        try log(300, into: writer)
        let busy = DeliveryEngineTests.webhook("http://busy/listen", maxInFlight: 16)
        let transports = (0..<3).map { _ in FakeTransport() }
        let engine = DeliveryEngine(settings: settings, transports: transports, webhooks: [busy], newest: 0)
        engine.start()
        engine.logAdvanced(to: 300)
        #expect(waitFor(timeout: 10) { engine.health()[busy.url]?.delivered == 300 })
        let carried = transports.map { $0.requests(to: busy.url).map(\.sequence) }
        #expect(carried.flatMap { $0 }.sorted() == Array(1...300))  // each event once
        #expect(carried.allSatisfy { !$0.isEmpty }, "requests per transport: \(carried.map(\.count))")
        #expect(engine.health()[busy.url]?.backlog == 0)

        // Strict order: one request at a time, in order, whichever transport carries it.
        let strict = DeliveryEngineTests.webhook("http://strict/listen", maxInFlight: 1)
        engine.update(webhooks: [busy, strict])
        #expect(waitFor(timeout: 5) { engine.health()[strict.url] != nil })
        try log(20, into: writer)
        engine.logAdvanced(to: 320)
        #expect(waitFor(timeout: 10) { engine.health()[strict.url]?.delivered == 20 && engine.health()[busy.url]?.delivered == 320 })
        engine.stop()
        let strictSent = transports.flatMap { $0.requests(to: strict.url) }.sorted { $0.at < $1.at }
        #expect(strictSent.map(\.sequence) == Array(301...320))
        #expect(DeliveryPositions(path: settings.positionsFile).load().mapValues(\.position) == [busy.url: 321, strict.url: 321])
    }

    /// The first shard to save must not leave out the webhooks of shards that have not published yet
    /// (a crash then would send those webhooks only new events).
    @Test func theFirstSaveKeepsTheWebhooksOfShardsThatHaveNotPublished() {
        let store = DeliveryPositions(path: settings.positionsFile)
        let (a, b) = (webhooks[0].url, webhooks[1].url)
        let book = DeliveryPositionsBook(
            store: store, epoch: DeliveryEngineTests.ids.epoch, saved: [:],
            resumed: [a: DeliveryPlace(position: 5), b: DeliveryPlace(position: 7)])
        book.save([a: DeliveryPlace(position: 6)])  // a's shard, first
        #expect(store.load().mapValues(\.position) == [a: 6, b: 7])
        book.forget(b)
        book.save([a: DeliveryPlace(position: 8)])
        #expect(store.load().mapValues(\.position) == [a: 8])
    }

    @Test func aRestartWithShardsResumesEveryWebhookAndForgetsARemovedOne() throws {
        let writer = try EventLogWriter(directory: directory + "/log")
        try log(10, into: writer)
        let first = DeliveryEngine(settings: settings, transports: (0..<3).map { _ in FakeTransport() }, webhooks: webhooks, newest: 0)
        first.start()
        first.logAdvanced(to: 10)
        #expect(waitFor(timeout: 10) { delivered(first, 10) })
        first.stop()

        let transports = (0..<3).map { _ in FakeTransport() }
        let again = DeliveryEngine(settings: settings, transports: transports, webhooks: webhooks, newest: 10)
        again.start()
        try log(5, into: writer)
        again.logAdvanced(to: 15)
        #expect(waitFor(timeout: 10) { delivered(again, 15) })  // 10 before the restart
        for url in webhooks.map(\.url) {
            #expect(transports.flatMap { $0.requests(to: url).map(\.sequence) }.sorted() == Array(11...15))
        }
        let removed = webhooks[0].url
        again.update(webhooks: Array(webhooks.dropFirst()))
        #expect(waitFor(timeout: 5) { again.health()[removed] == nil })
        try log(1, into: writer)
        again.logAdvanced(to: 16)  // (a change to save)
        #expect(waitFor(timeout: 5) { DeliveryPositions(path: settings.positionsFile).load()[removed] == nil })
        again.stop()
        #expect(DeliveryPositions(path: settings.positionsFile).load().count == webhooks.count - 1)
    }
}
