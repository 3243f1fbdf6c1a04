import EventLog
import GlusterEvents
import Testing

@testable import WebhookDelivery

@Suite struct LatencyWindowTests {
    @Test func percentilesByNearestRank() {
        var window = LatencyWindow()
        #expect(window.percentile(0.5) == nil)
        for millis in 1...100 { window.record(Double(millis)) }
        #expect(window.percentile(0.50) == 50)
        #expect(window.percentile(0.99) == 99)
    }

    @Test func onlyTheRecentRequestsCount() {
        var window = LatencyWindow()
        for _ in 0..<LatencyWindow.capacity { window.record(1000) }
        for _ in 0..<LatencyWindow.capacity { window.record(2) }
        #expect(window.percentile(0.99) == 2)
    }
}

@Suite struct OutcomeRecordTests {
    @Test func remembersWhatBecameOfEachEvent() {
        var record = OutcomeRecord()
        #expect(record.delivery(of: 1) == .notSent)
        record.sending(1)
        record.record(HTTPOutcome(status: 200, error: nil, latencySeconds: 0.002), sequence: 1)
        record.sending(2)
        record.record(HTTPOutcome(status: 500, error: nil, latencySeconds: 0.001), sequence: 2)
        #expect(record.delivery(of: 1) == .delivered(status: 200, latencyMillis: 2))
        #expect(record.delivery(of: 2) == .forgotten)  // a failure is the lane's to retry or give up
        record.giveUp(2, reason: "refused: HTTP 400")
        #expect(record.delivery(of: 2) == .givenUp(reason: "refused: HTTP 400"))
        #expect(record.delivery(of: 3) == .notSent)
    }

    @Test func oldOutcomesAreForgottenNotMisreported() {
        var record = OutcomeRecord()
        for sequence in 1...UInt64(OutcomeRecord.capacity + 10) {
            record.sending(sequence)
            record.record(HTTPOutcome(status: 200, error: nil, latencySeconds: 0), sequence: sequence)
        }
        #expect(record.delivery(of: 1) == .forgotten)
        #expect(record.delivery(of: UInt64(OutcomeRecord.capacity + 10)) == .delivered(status: 200, latencyMillis: 0))
    }
}

/// What another process (an attached dashboard) can tell from the engine's saved positions and
/// the given-up log.
@Suite struct SavedDeliveryTests {
    let webhook = Webhook(url: "http://h/x", extraSettings: [("events", .array([.string("VOLUME_*")]))])
    let place = DeliveryPlace(position: 10, finishedAhead: [12...13], since: 4)

    @Test func theSavedPlaceTellsFinishedFromPending() {
        func saved(_ sequence: UInt64, _ name: String = "VOLUME_START") -> EventDelivery {
            .asSaved(place, sequence: sequence, eventName: name, webhook: webhook)
        }
        #expect(saved(3) == .notSent)
        #expect(saved(4) == .finished)
        #expect(saved(9) == .finished)
        #expect(saved(10) == .pending)
        #expect(saved(12) == .finished)
        #expect(saved(14) == .pending)
        #expect(saved(5, "PEER_ATTACH") == .notWanted)
        #expect(EventDelivery.asSaved(nil, sequence: 5, eventName: "VOLUME_START", webhook: webhook) == .pending)
    }

    @Test func theGivenUpLogSaysWhichFinishedEventsWereGivenUpOrRedelivered() {
        var entry = GivenUpLog.Entry(atMillis: 0, sequence: 5, url: webhook.url, reason: "refused: HTTP 422")
        #expect(EventDelivery.finished.noting(nil) == .finished)
        #expect(EventDelivery.finished.noting(entry) == .givenUp(reason: "refused: HTTP 422"))
        #expect(EventDelivery.pending.noting(entry) == .pending)  // given up before, being redelivered now
        entry.redelivered = "HTTP 200"
        #expect(EventDelivery.finished.noting(entry) == .redelivered("HTTP 200"))
        #expect(EventDelivery.givenUp(reason: "refused: HTTP 422").noting(entry) == .redelivered("HTTP 200"))
    }
}
