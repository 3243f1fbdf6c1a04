import EventLog
import GlusterEvents
import Testing

@testable import WebhookDelivery

@Suite struct WebhookLaneTests {
    let ok = HTTPOutcome(status: 200, error: nil, latencySeconds: 0.001)
    let down = HTTPOutcome(status: nil, error: "Couldn't connect to server", latencySeconds: 0.001)
    let refused = HTTPOutcome(status: 400, error: nil, latencySeconds: 0.001)

    private func items(_ range: ClosedRange<UInt64>, name: String = "VOLUME_CREATE") -> [DeliveryItem] {
        range.map { DeliveryItem(sequence: $0, eventName: name, eventTimestamp: 1, body: "{}") }
    }

    private func lane(maxInFlight: Int = 3, events: [String] = [], from: UInt64 = 1) -> WebhookLane {
        var extra: [(key: String, value: JSONValue)] = [("max_in_flight", .int(Int64(maxInFlight)))]
        if !events.isEmpty { extra.append(("events", .array(events.map(JSONValue.string)))) }
        return WebhookLane(
            webhook: Webhook(url: "http://h/x", extraSettings: extra), policy: RetryPolicy(), from: from)
    }

    @Test func anEventsDeliveryReadsQueuedInFlightThenItsOutcome() {
        var lane = lane(maxInFlight: 1)
        _ = lane.feed(items(1...2), through: 2)
        #expect(lane.nextSends(now: 0).map(\.sequence) == [1])
        #expect(lane.delivery(of: 1, eventName: "VOLUME_CREATE") == .inFlight)
        #expect(lane.delivery(of: 2, eventName: "VOLUME_CREATE") == .queued)
        _ = lane.finish(1, ok, now: 0, random: 0)
        #expect(lane.delivery(of: 1, eventName: "VOLUME_CREATE") == .delivered(status: 200, latencyMillis: 1))
    }

    /// Out of order: a slow request holds the position, but what finished above it is kept too,
    /// so that a restart (even after kill -9) sends again only what was really unfinished.
    @Test func aRestartSkipsWhatFinishedAboveThePosition() {
        var before = lane(maxInFlight: 3)
        _ = before.feed(items(1...8), through: 8)
        #expect(before.nextSends(now: 0).map(\.sequence) == [1, 2, 3])
        _ = before.finish(2, ok, now: 0, random: 0)
        _ = before.finish(3, ok, now: 0, random: 0)
        #expect(before.nextSends(now: 0).map(\.sequence) == [4, 5])
        _ = before.finish(5, ok, now: 0, random: 0)
        // 1 and 4 in flight, 6...8 queued: 2...3 and 5 finished above position 1.
        let place = before.place
        #expect(place.untallied == DeliveryPlace(position: 1, finishedAhead: [2...3, 5...5], since: 1))

        var after = WebhookLane(webhook: before.webhook, policy: RetryPolicy(), from: place)
        _ = after.feed(items(1...8), through: 8)
        #expect(after.nextSends(now: 0).map(\.sequence) == [1, 4, 6])
        #expect(after.place.untallied == DeliveryPlace(position: 1, finishedAhead: [2...3, 5...5], since: 1))
        #expect(after.delivery(of: 2, eventName: "VOLUME_CREATE") == .finished)  // before the restart
        for sequence: UInt64 in [1, 4, 6] { _ = after.finish(sequence, ok, now: 0, random: 0) }
        #expect(after.nextSends(now: 0).map(\.sequence) == [7, 8])
        for sequence: UInt64 in [7, 8] { _ = after.finish(sequence, ok, now: 0, random: 0) }
        #expect(after.place.untallied == DeliveryPlace(position: 9, since: 1))
    }

    /// The first event a webhook was given survives restarts: events before it were never sent
    /// to it, those between it and the resumed position were finished before.
    @Test func aResumedLaneTellsEventsFinishedBeforeFromOnesNeverSent() {
        let webhook = Webhook(url: "http://h/x")
        let resumed = WebhookLane(webhook: webhook, policy: RetryPolicy(), from: DeliveryPlace(position: 10, since: 4))
        #expect(resumed.delivery(of: 3, eventName: "VOLUME_CREATE") == .notSent)
        #expect(resumed.delivery(of: 4, eventName: "VOLUME_CREATE") == .finished)
        #expect(resumed.delivery(of: 10, eventName: "VOLUME_CREATE") == .queued)
        #expect(resumed.place.untallied == DeliveryPlace(position: 10, since: 4))
        // A file from before `since` was kept: the position is all there is.
        let legacy = WebhookLane(webhook: webhook, policy: RetryPolicy(), from: DeliveryPlace(position: 10))
        #expect(legacy.delivery(of: 9, eventName: "VOLUME_CREATE") == .notSent)
        #expect(legacy.place.since == 10)
    }

    @Test func sendsInLogOrderUpToTheInFlightBound() {
        var lane = lane()
        _ = lane.feed(items(1...5), through: 5)
        #expect(lane.nextSends(now: 0).map(\.sequence) == [1, 2, 3])
        #expect(lane.nextSends(now: 0).isEmpty)
        _ = lane.finish(2, ok, now: 0, random: 0)
        #expect(lane.position == 1)  // 1 is still in flight
        #expect(lane.nextSends(now: 0).map(\.sequence) == [4])
        _ = lane.finish(1, ok, now: 0, random: 0)
        #expect(lane.position == 3)
    }

    @Test func eventsNotToForwardArePassedOverLikeFilteredOnes() {
        var lane = lane()
        var batch = items(1...4)
        batch[0].forwardable = false  // arrived by HTTP ingest, forwarding off
        batch[2].forwardable = false
        #expect(lane.feed(batch, through: 4).isEmpty)  // not a gap: nothing given up
        #expect(lane.nextSends(now: 0).map(\.sequence) == [2, 4])
        _ = lane.finish(2, ok, now: 0, random: 0)
        _ = lane.finish(4, ok, now: 0, random: 0)
        #expect(lane.position == 5)
        #expect(lane.health.givenUp == 0 && lane.health.delivered == 2)
    }

    @Test func aFailureIsRetriedAfterABackoffAndPausesTheWebhook() {
        var lane = lane()
        _ = lane.feed(items(1...5), through: 5)
        _ = lane.nextSends(now: 100)
        #expect(lane.finish(1, down, now: 100, random: 0) == nil)
        // RetryPolicy: first delay 1 s, half of it random: with random 0, 0.5 s.
        #expect(lane.nextWake == 100.5)
        _ = lane.finish(2, down, now: 100, random: 0)
        _ = lane.finish(3, down, now: 100, random: 0)
        #expect(lane.nextSends(now: 100.2).isEmpty)  // paused: the endpoint is down
        #expect(lane.position == 1)  // never past an event still being retried
        #expect(lane.health(now: 100.2, newest: 5).state == .retrying)
        #expect(lane.health(now: 100.2, newest: 5).backlog == 5)
        #expect(lane.nextSends(now: 100.6).map(\.sequence) == [1])  // one probe, the oldest
        _ = lane.finish(1, ok, now: 101, random: 0)
        #expect(lane.nextSends(now: 101).map(\.sequence) == [2, 3, 4])  // a success ends the pause
        _ = lane.finish(2, ok, now: 101, random: 0)
        _ = lane.finish(3, ok, now: 101, random: 0)
        #expect(lane.position == 4)
        #expect(lane.health(now: 101, newest: 5).state == .healthy)
        #expect(lane.health(now: 101, newest: 5).failed == 3)
    }

    @Test func laterEventsGoOnWhileOneIsRetried() {
        var lane = lane()
        _ = lane.feed(items(1...5), through: 5)
        _ = lane.nextSends(now: 0)
        _ = lane.finish(1, HTTPOutcome(status: 503, error: nil, latencySeconds: 0), now: 0, random: 0)
        _ = lane.finish(2, ok, now: 0, random: 0)
        #expect(lane.nextSends(now: 0.1).map(\.sequence) == [4, 5])  // 2 succeeded after 1 failed: not failing
        #expect(lane.position == 1)
        #expect(lane.health(now: 0.1, newest: 5).state == .retrying)
        #expect(lane.delivery(of: 1, eventName: "VOLUME_CREATE") == .retrying(attempts: 1, dueAt: 0.5))
    }

    @Test func backoffGrowsAndRetryAfterWins() {
        let policy = RetryPolicy(firstDelaySeconds: 1, maxDelaySeconds: 10)
        #expect(policy.delay(afterAttempts: 1, retryAfter: nil, random: 1) == 1)
        #expect(policy.delay(afterAttempts: 3, retryAfter: nil, random: 1) == 4)
        #expect(policy.delay(afterAttempts: 3, retryAfter: nil, random: 0) == 2)
        #expect(policy.delay(afterAttempts: 20, retryAfter: nil, random: 1) == 10)
        #expect(policy.delay(afterAttempts: 1, retryAfter: 30, random: 0) == 30)
        #expect(RetryPolicy.verdict(of: HTTPOutcome(status: 204, error: nil, latencySeconds: 0)) == .delivered)
        for status in [408, 429, 500, 503] {
            #expect(RetryPolicy.verdict(of: HTTPOutcome(status: status, error: nil, latencySeconds: 0)) == .retry)
        }
        for status in [301, 400, 401, 404] {
            #expect(RetryPolicy.verdict(of: HTTPOutcome(status: status, error: nil, latencySeconds: 0)) == .refused)
        }
    }

    @Test func aRefusedEventIsGivenUpAndDoesNotHoldTheWebhook() {
        var lane = lane()
        _ = lane.feed(items(1...3), through: 3)
        _ = lane.nextSends(now: 0)
        #expect(lane.finish(1, refused, now: 0, random: 0) == .init(sequence: 1, reason: "refused: HTTP 400"))
        _ = lane.finish(2, ok, now: 0, random: 0)
        _ = lane.finish(3, ok, now: 0, random: 0)
        #expect(lane.position == 4)
        let health = lane.health(now: 1, newest: 3)
        #expect(health.givenUp == 1 && health.delivered == 2 && health.state == .failing)
        #expect(lane.delivery(of: 1, eventName: "VOLUME_CREATE") == .givenUp(reason: "refused: HTTP 400"))
    }

    @Test func retriesEndAfterTheRetryTime() {
        var lane = WebhookLane(
            webhook: Webhook(url: "http://h/x"), policy: RetryPolicy(maxRetrySeconds: 60), from: 1)
        _ = lane.feed(items(1...1), through: 1)
        _ = lane.nextSends(now: 0)
        #expect(lane.finish(1, down, now: 0, random: 0) == nil)
        _ = lane.nextSends(now: 30)
        #expect(lane.finish(1, down, now: 61, random: 0)?.reason.hasPrefix("still failing after 60 s") == true)
        #expect(lane.position == 2)
    }

    /// give-up-after is a deadline: a webhook that is down has every event past it given up
    /// together — those waiting for a retry and those held back while it fails —, not one after
    /// another as probes reach them (N events took N × give-up-after).
    @Test func everyEventPastItsDeadlineIsGivenUpTogether() {
        let strict = Webhook(url: "http://h/x", extraSettings: [("max_in_flight", .int(1))])
        var lane = WebhookLane(
            webhook: strict, policy: RetryPolicy(firstDelaySeconds: 1, maxDelaySeconds: 1, maxRetrySeconds: 15), from: 1)
        let arrived = (1...5).map { DeliveryItem(sequence: $0, eventName: "VOLUME_CREATE", eventTimestamp: 1, body: "{}", receivedAtMillis: 99_000) }
        _ = lane.feed(arrived, through: 5)
        #expect(lane.nextDeadline == nil)  // nothing failed: no deadline yet
        #expect(lane.nextSends(now: 100).map(\.sequence) == [1])
        #expect(lane.finish(1, down, now: 100, random: 0.5) == nil)
        #expect(lane.nextDeadline == 115)
        #expect(lane.giveUpPastDeadline(now: 114.9).isEmpty)
        let lost = lane.giveUpPastDeadline(now: 115)
        #expect(lost.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(lost.allSatisfy { $0.reason == "still failing after 15 s: Couldn't connect to server" })
        #expect(lane.position == 6 && lane.health(now: 115, newest: 5).givenUp == 5)
        #expect(lane.nextDeadline == nil)
        // One that arrives while it fails has its own full time.
        _ = lane.feed([DeliveryItem(sequence: 6, eventName: "VOLUME_CREATE", eventTimestamp: 1, body: "{}", receivedAtMillis: 120_000)], through: 6)
        #expect(lane.nextDeadline == 135)
    }

    @Test func oneInFlightKeepsStrictOrderThroughRetries() {
        var lane = lane(maxInFlight: 1)
        _ = lane.feed(items(1...3), through: 3)
        #expect(lane.wantsToRead == 0)  // the window is one event: nothing read ahead past it
        #expect(lane.nextSends(now: 0).map(\.sequence) == [1])
        _ = lane.finish(1, down, now: 0, random: 0)
        #expect(lane.nextSends(now: 10).map(\.sequence) == [1])  // the retry, never 2 before it
        _ = lane.finish(1, ok, now: 10, random: 0)
        #expect(lane.nextSends(now: 10).map(\.sequence) == [2])
    }

    @Test func eventsTheFilterLeavesOutAreSkipped() {
        var lane = lane(events: ["VOLUME_*"])
        _ = lane.feed(items(1...2, name: "PEER_ATTACH") + items(3...3, name: "VOLUME_START"), through: 3)
        #expect(lane.nextSends(now: 0).map(\.sequence) == [3])
        #expect(lane.position == 3)
        _ = lane.finish(3, ok, now: 0, random: 0)
        #expect(lane.position == 4)
        #expect(lane.delivery(of: 1, eventName: "PEER_ATTACH") == .notWanted)
    }

    @Test func eventsDeletedByRetentionAreReportedLost() {
        var lane = lane(from: 5)
        let lost = lane.feed(items(9...10), through: 10)
        #expect(lost == [.init(sequence: 5, reason: WebhookLane.GivenUp.retention, count: 4)])
        #expect(lane.health(now: 0, newest: 10).givenUp == 4)
        // The cursor read on past a deleted segment within one read: that gap is given up too.
        let inside = lane.feed(items(11...12) + items(20...21), through: 21)
        #expect(inside == [.init(sequence: 13, reason: WebhookLane.GivenUp.retention, count: 7)])
        #expect(lane.health(now: 0, newest: 21).givenUp == 11)
    }

    /// The hard log budget deleted events the lane had not read: exactly those are given up —
    /// not the ones it finished before a restart, nor the ones it read already (still sent).
    @Test func skippingDeletedEventsGivesUpExactlyTheUnreadUnfinishedOnes() {
        let place = DeliveryPlace(position: 10, finishedAhead: [12...13, 20...20], since: 1)
        var lane = WebhookLane(webhook: Webhook(url: "http://h/x"), policy: RetryPolicy(), from: place)
        #expect(lane.skip(to: 25).map { [$0.sequence, $0.count] } == [[10, 2], [14, 6], [21, 4]])
        #expect(lane.health(now: 0, newest: 30).givenUp == 12)
        #expect(lane.nextToRead == 25)
        #expect(lane.skip(to: 25).isEmpty)

        var reading = self.lane(from: 1)
        _ = reading.feed(items(1...4), through: 4)
        #expect(reading.skip(to: 8).map { [$0.sequence, $0.count] } == [[5, 3]])
        #expect(reading.nextSends(now: 0).map(\.sequence) == [1, 2, 3])  // read before: still sent
    }

    @Test func settingsReadFromTheWebhooksFileEntry() {
        let webhook = Webhook(
            url: "https://h/x",
            extraSettings: [
                ("events", .array([.string("VOLUME_*"), .string("PEER_ATTACH")])), ("max_in_flight", .int(1)),
                ("ca_file", .string("/etc/ca.pem")), ("verify_tls", .bool(false)),
            ])
        let settings = WebhookSettings(webhook)
        #expect(settings.wants("VOLUME_STOP") && settings.wants("peer_attach") && !settings.wants("PEER_DETACH"))
        #expect(settings.maxInFlight == 1 && settings.caFile == "/etc/ca.pem" && !settings.verifyTLS)
        #expect(WebhookSettings(Webhook(url: "http://h")).entries.isEmpty)
        #expect(settings.entries.map(\.key) == ["events", "max_in_flight", "ca_file", "verify_tls"])
    }
}

/// A webhook that is down keeps little in memory, whatever the events' size: what waits to be sent
/// is bounded in bytes (the log holds the rest).
@Suite struct WebhookLaneMemoryTests {
    @Test func eventsWaitingToBeSentAreBoundedInBytes() {
        var lane = WebhookLane(webhook: Webhook(url: "http://h/x"), policy: RetryPolicy(), from: 1)
        let big = String(repeating: "x", count: 390_000)
        #expect(lane.wantsToRead == WebhookLane.ReadAhead().events)
        let items = (1...6).map { DeliveryItem(sequence: $0, eventName: "E", eventTimestamp: 1, body: big) }
        _ = lane.feed(items, through: 6)
        #expect(lane.wantsToRead == 0)  // 2.3 MB waiting: no more read until they go
        let sent = lane.nextSends(now: 0)
        #expect(!sent.isEmpty)
        #expect(lane.wantsToRead > 0)
    }

    /// Many webhooks share a shard's read-ahead budget: what all of them hold together is bounded
    /// (32 MiB a shard), one alone still reads far ahead.
    @Test func manyLanesShareTheShardsBudget() {
        #expect(WebhookLane.ReadAhead(sharedBy: 1) == WebhookLane.ReadAhead())
        let many = WebhookLane.ReadAhead(sharedBy: 256)
        #expect(many.bytes == 128 << 10 && many.events == 32)
        #expect(WebhookLane.ReadAhead(sharedBy: 100_000).bytes == 64 << 10 && WebhookLane.ReadAhead(sharedBy: 100_000).events == 16)
        var lane = WebhookLane(webhook: Webhook(url: "http://h/x"), policy: RetryPolicy(), from: 1)
        lane.readAhead = many
        _ = lane.feed((1...4).map { DeliveryItem(sequence: $0, eventName: "E", eventTimestamp: 1, body: String(repeating: "x", count: 40_000)) }, through: 4)
        #expect(lane.wantsToRead == 0)  // 160 KB waiting: past its 128 KiB share
    }
}

extension DeliveryPlace {
    /// Where the lane is, without what it came to (`tally`).
    var untallied: DeliveryPlace {
        var place = self
        place.tally = nil
        return place
    }
}
