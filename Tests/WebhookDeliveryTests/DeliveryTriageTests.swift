import EventLog
import Foundation
import GlusterEvents
import Testing

@testable import WebhookDelivery
import TestSupport

/// What an operator needs to triage a webhook: when the next retry is, how far behind it is, what
/// it answered, a way to retry now, and figures that survive a restart.
@Suite struct WebhookLaneTriageTests {
    let ok = HTTPOutcome(status: 200, error: nil, latencySeconds: 0.001)
    var failing: HTTPOutcome {
        var outcome = HTTPOutcome(status: 500, error: nil, latencySeconds: 0.001)
        outcome.responseExcerpt = "database is down"
        return outcome
    }

    private func lane(from place: DeliveryPlace = DeliveryPlace(position: 1)) -> WebhookLane {
        WebhookLane(
            webhook: Webhook(url: "http://h/x"), policy: RetryPolicy(firstDelaySeconds: 60, maxDelaySeconds: 60), from: place)
    }

    private func items(_ range: ClosedRange<UInt64>, receivedAt millis: Int64) -> [DeliveryItem] {
        range.map { DeliveryItem(sequence: $0, eventName: "VOLUME_CREATE", eventTimestamp: 1, body: "{}", receivedAtMillis: millis) }
    }

    @Test func aFailureSaysWhenTheNextRetryIsHowFarBehindAndWhatTheWebhookAnswered() {
        var lane = lane()
        _ = lane.feed(items(1...3, receivedAt: 1_000_000), through: 3)
        #expect(lane.nextSends(now: 1000).map(\.sequence) == [1, 2, 3])
        _ = lane.finish(1, failing, now: 1000, random: 0.5)
        let health = lane.health(now: 1010, newest: 3)
        let due = try! #require(health.nextRetryAt)
        #expect(due >= 1030 && due <= 1060)  // 60 s backoff, half of it random
        #expect(health.behindSeconds == 10)  // received at 1,000 s, now 1,010 s
        #expect(health.lastResponse == "database is down")
        #expect(health.lastFailureAt == 1000)
    }

    @Test func retryNowSendsTheWaitingRetriesAtOnce() {
        var lane = lane()
        _ = lane.feed(items(1...1, receivedAt: 1), through: 1)
        _ = lane.nextSends(now: 0)
        _ = lane.finish(1, failing, now: 0, random: 0)
        #expect(lane.nextSends(now: 5).isEmpty)  // backing off for 30-60 s
        lane.retryNow(now: 5)
        #expect(lane.nextSends(now: 5).map(\.sequence) == [1])
        _ = lane.finish(1, ok, now: 5, random: 0)
        let health = lane.health(now: 5, newest: 1)
        #expect(health.nextRetryAt == nil && health.behindSeconds == nil && health.backlog == 0)
    }

    /// The figures are in the saved place: a restart shows them, and the state the last outcome
    /// left (a webhook that had events given up is not `idle`).
    @Test func aRestartKeepsTheCountsAndTheLastOutcome() {
        var before = WebhookLane(
            webhook: Webhook(url: "http://h/x"), policy: RetryPolicy(firstDelaySeconds: 1, maxDelaySeconds: 1, maxRetrySeconds: 0),
            from: DeliveryPlace(position: 1))
        _ = before.feed(items(1...3, receivedAt: 1), through: 3)
        _ = before.nextSends(now: 100)
        _ = before.finish(1, ok, now: 100, random: 0)
        _ = before.finish(2, failing, now: 101, random: 0)  // given up at once (maxRetrySeconds 0)
        _ = before.finish(3, failing, now: 102, random: 0)
        let place = before.place
        #expect(place.tally?.delivered == 1 && place.tally?.givenUp == 2 && place.tally?.failed == 2)

        // Through the file, as after a restart.
        let temporary = TemporaryDirectory()
        let positions = DeliveryPositions(path: temporary.file("positions.json"))
        try! positions.save(["http://h/x": place], epoch: DeliveryEngineTests.ids.epoch)
        let after = lane(from: positions.load()["http://h/x"]!)
        let health = after.health(now: 200, newest: 3)
        #expect(health.delivered == 1 && health.failed == 2 && health.givenUp == 2)
        #expect(health.state == .failing)  // given up 98 s ago
        #expect(health.lastResponse == "database is down" && health.lastStatus == 500)
        #expect(after.health(now: 1000, newest: 3).state == .failing)  // the last outcome was a failure

        var recovered = before
        _ = recovered.feed(items(4...4, receivedAt: 1), through: 4)
        _ = recovered.nextSends(now: 500)
        _ = recovered.finish(4, ok, now: 500, random: 0)
        #expect(lane(from: recovered.place).health(now: 1000, newest: 4).state == .healthy)
    }

    /// The positions file is the engine's own, but a number in it must not make counting trap.
    @Test func tallyNumbersFromTheFileAreClamped() {
        let temporary = TemporaryDirectory()
        temporary.write(
            #"{"http://h/x": {"position": 5, "tally": {"delivered": 9223372036854775807, "failed": -4, "given_up": "x", "last_status": 70000, "last_error": "\#(String(repeating: "e", count: 5000))"}}}"#,
            to: "positions.json")
        let tally = DeliveryPositions(path: temporary.file("positions.json")).load()["http://h/x"]?.tally
        #expect(tally?.delivered == Int(DeliveryTally.maxCount) && tally?.failed == 0 && tally?.givenUp == 0)
        #expect(tally?.lastStatus == nil && tally?.lastError?.utf8.count == 1024)
        var lane = lane(from: DeliveryPlace(position: 5, tally: tally))
        _ = lane.feed(items(5...5, receivedAt: 1), through: 5)
        _ = lane.nextSends(now: 0)
        _ = lane.finish(5, ok, now: 0, random: 0)
        #expect(lane.health(now: 0, newest: 5).delivered == Int(DeliveryTally.maxCount) + 1)
    }
}

/// Issue 15: a webhook with an event filter showed a backlog of every event logged after its
/// position (QUEUE 55,293 where 27,557 were ever going to be sent).
@Suite struct FilteredBacklogTests {
    let temporary = TemporaryDirectory()

    @Test func aFilteredWebhooksBacklogCountsOnlyTheEventsItWants() throws {
        let writer = try EventLogWriter(directory: temporary.path + "/log")
        let events = (0..<3000).map { n in
            let name = n % 3 == 0 ? "VOLUME_START" : "BRICK_DISCONNECTED"
            return ReceivedEvent(
                name: name, timestamp: 1, body: #"{"event": "\#(name)", "message": {"n": "\#(n)"}, "nodeid": "x", "ts": 1}"#,
                source: "127.0.0.1:1", receivedAtMillis: 1)
        }
        try writer.append(events)
        let filtered = Webhook(url: "http://down/volumes", extraSettings: [("events", .array([.string("VOLUME_*")]))])
        let everything = Webhook(url: "http://down/all")
        var settings = DeliveryEngine.Settings(
            logDirectory: temporary.path + "/log", positionsFile: temporary.file("positions.json"),
            givenUpFile: temporary.file("given-up.log"), ids: DeliveryEngineTests.ids)
        settings.policy = RetryPolicy(firstDelaySeconds: 600, maxDelaySeconds: 600)
        try DeliveryPositions(path: settings.positionsFile).save(
            [filtered.url: DeliveryPlace(position: 1), everything.url: DeliveryPlace(position: 1)], epoch: settings.ids.epoch)
        let engine = DeliveryEngine(
            settings: settings, client: FakeTransport { _, _, _ in FakeTransport.unavailable }, webhooks: [filtered, everything],
            newest: 0)
        engine.start()
        engine.logAdvanced(to: 3000)
        #expect(waitFor(timeout: 5) { engine.health()[filtered.url]?.backlog == 1000 })
        #expect(engine.health()[everything.url]?.backlog == 3000)

        // More events: the count follows.
        try writer.append(Array(events.prefix(6)))  // 2 of them VOLUME_START
        engine.logAdvanced(to: 3006)
        #expect(waitFor(timeout: 5) { engine.health()[filtered.url]?.backlog == 1002 })
        engine.stop()
    }

    @Test func theLanesCountAheadFollowsWhatItReads() {
        var lane = WebhookLane(
            webhook: Webhook(url: "http://h/x", extraSettings: [("events", .array([.string("VOLUME_*")]))]),
            policy: RetryPolicy(), from: 1)
        let items = (1...10).map { n in
            DeliveryItem(sequence: UInt64(n), eventName: n % 2 == 0 ? "VOLUME_START" : "PEER_ATTACH", eventTimestamp: 1, body: "{}")
        }
        #expect(lane.nextToCount == 1)
        #expect(lane.health(now: 0, newest: 10).backlog == 10)  // nothing counted yet: every event, as before
        lane.countAhead(items, through: 10)
        #expect(lane.health(now: 0, newest: 10).backlog == 5)
        _ = lane.feed(Array(items.prefix(4)), through: 4)  // 2 and 4 held, 6, 8 and 10 still ahead
        #expect(lane.health(now: 0, newest: 10).backlog == 5)
        #expect(lane.nextSends(now: 0).map(\.sequence) == [2, 4])
        _ = lane.finish(2, HTTPOutcome(status: 200, error: nil, latencySeconds: 0), now: 0, random: 0)
        #expect(lane.health(now: 0, newest: 12).backlog == 4 + 2)  // 11 and 12 not counted yet
        lane.settings = WebhookSettings(Webhook(url: "http://h/x", extraSettings: [("events", .array([.string("PEER_*")]))]))
        #expect(lane.nextToCount == 5)  // counted again for the new filter
    }
}
