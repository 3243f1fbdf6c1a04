import Foundation
import GlusterEvents
import Testing
import TestSupport

@testable import EventLog

/// Scrolling back past what the dashboard holds, and jumping to a time, read the log itself.
@Suite struct EventLogHistoryTests {
    let temporary = TemporaryDirectory()

    /// 10,000 events over several segments, received one a second from 1,700,000,000.
    private func log() throws -> EventLogHistory {
        let writer = try EventLogWriter(directory: temporary.path, maxSegmentBytes: 64 << 10)
        for batch in stride(from: 0, to: 10_000, by: 1000) {
            try writer.append(
                (batch..<batch + 1000).map { n in
                    ReceivedEvent(
                        name: "VOLUME_START", timestamp: 1, body: #"{"event": "VOLUME_START", "message": {"n": "\#(n + 1)"}, "nodeid": "x", "ts": 1}"#,
                        source: "s", receivedAtMillis: Int64(1_700_000_000 + n) * 1000)
                })
        }
        return EventLogHistory(directory: temporary.path, windowCount: 500)
    }

    @Test func readsAnyStretchOfTheLogAWindowAtATime() throws {
        let history = try log()
        #expect(history.oldestSequence == 1)
        let page = history.entries(from: 7_001, count: 40)
        #expect(page.map(\.sequence) == Array(7_001...7_040))
        #expect(page.first?.event.body.contains(#""n": "7001""#) == true && page.first?.event.name == "VOLUME_START")
        #expect(history.entries(from: 3, count: 3).map(\.sequence) == [3, 4, 5])
        #expect(history.entries(from: 9_999, count: 5).map(\.sequence) == [9_999, 10_000])  // the log's end
        #expect(history.entries(from: 20_000, count: 5).isEmpty)
    }

    @Test func aTimeIsFoundByWhenEventsArrived() throws {
        let history = try log()
        #expect(history.firstSequence(receivedAtOrAfter: 1_700_000_000_000) == 1)
        #expect(history.firstSequence(receivedAtOrAfter: 1_700_004_321_500) == 4_323)
        #expect(history.firstSequence(receivedAtOrAfter: 0) == 1)
        #expect(history.firstSequence(receivedAtOrAfter: 1_800_000_000_000) == nil)
    }

    @Test func anEmptyOrMissingLogHasNoHistory() {
        let history = EventLogHistory(directory: temporary.file("none"))
        #expect(history.oldestSequence == nil)
        #expect(history.entries(from: 1, count: 10).isEmpty)
        #expect(history.firstSequence(receivedAtOrAfter: 0) == nil)
    }
}
