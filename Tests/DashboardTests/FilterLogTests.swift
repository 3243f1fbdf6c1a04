@testable import Dashboard
import EventLog
import Foundation
import GlusterEvents
import Testing
import TestSupport

/// Issue 15: a filter reaches back through the durable log, not only the events held: the held
/// ones first (on the dashboard thread), then the log's on a thread of its own, published as found.
@Suite struct FilterLogTests {
    let temporary = TemporaryDirectory()

    /// 10,000 events logged over segments of 64 KiB, a BRICK_DISCONNECTED every 7th (volume gv<n % 3>),
    /// VOLUME_SET otherwise; the dashboard holds the newest 1,000.
    private func fixture() throws -> DashboardFixture {
        let writer = try EventLogWriter(directory: temporary.path, maxSegmentBytes: 64 << 10)
        let logged = (1...10_000).map { n in
            let name = n % 7 == 0 ? "BRICK_DISCONNECTED" : "VOLUME_SET"
            return ReceivedEvent(
                name: name, timestamp: 1_700_000_000,
                body: #"{"event": "\#(name)", "message": {"n": "\#(n)", "volume": "gv\#(n % 3)"}, "nodeid": "x", "ts": 1700000000}"#,
                source: "s", receivedAtMillis: 1_700_000_000_000 + Int64(n))
        }
        for batch in stride(from: 0, to: logged.count, by: 1000) { try writer.append(Array(logged[batch..<batch + 1000])) }
        var fixture = DashboardFixture()
        fixture.events = RecentEvents(capacity: 1000)
        fixture.events.append(Array(logged.suffix(1000)), firstSequence: 9_001)
        fixture.history = EventLogHistory(directory: temporary.path)
        return fixture
    }

    /// Frames until both scans are done (at most 10 s).
    private func finish(_ filtered: inout FilteredEvents, _ fixture: DashboardFixture) {
        let deadline = Date().addingTimeInterval(10)
        repeat {
            _ = filtered.update(from: fixture.events, logDirectory: temporary.path, logOldest: 1)
            if filtered.isComplete && filtered.isLogComplete { return }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
    }

    private func all(_ rows: EventRows) -> [UInt64] { (0..<rows.count).map(rows.sequence(at:)) }

    @Test func matchesReachBackToTheLogsStartInOrder() throws {
        let fixture = try fixture()
        for (text, expected) in [
            ("event:BRICK_*,QUORUM_LOST", (1...10_000).filter { $0 % 7 == 0 }),
            ("volume:gv2 event:BRICK_*", (1...10_000).filter { $0 % 7 == 0 && $0 % 3 == 2 }),
            ("n=4242", [4242]), ("N=77", [77]),
        ] {
            var filtered = FilteredEvents(filter: try EventFilter(parsing: text))
            finish(&filtered, fixture)
            #expect(filtered.isComplete && filtered.isLogComplete, "\(text)")
            #expect(all(filtered.rows) == expected.map(UInt64.init), "\(text)")
            #expect(filtered.matchCount == expected.count)
            #expect(filtered.progress(reachable: 1...10_000, held: 9_001...10_000) == 1)
            // A log match is read back alone, from where the scan found it, and kept for the next frames.
            if let first = expected.first {
                let entry = filtered.entry(UInt64(first), fixture.data)
                #expect(entry?.sequence == UInt64(first) && entry?.event.body.contains(#""n": "\#(first)""#) == true)
            }
        }
    }

    @Test func theTitleCountsEveryEventReachedAndTheLogsMatchesAreDrawn() throws {
        let fixture = try fixture()
        var filtered = FilteredEvents(filter: try EventFilter(parsing: "n=77"))
        finish(&filtered, fixture)
        var pane = EventsPane()
        _ = pane.handle(.home, fixture.keys())
        let surface = fixture.draw(pane, filter: filtered)
        #expect(surface.line(0).contains("1 of 10,000"))
        #expect(surface.text.contains("n=77"))
    }

    @Test func theHeldMatchesComeFirstAndTheLogsFollowAsFound() throws {
        let fixture = try fixture()
        var filtered = FilteredEvents(filter: try EventFilter(parsing: "event:BRICK_*"))
        _ = filtered.update(from: fixture.events, logDirectory: temporary.path, logOldest: 1, budget: .infinity)
        #expect(filtered.isComplete)  // the held events, at once
        let held = (9_001...10_000).filter { $0 % 7 == 0 }.map(UInt64.init)
        #expect(Array(all(filtered.rows).suffix(held.count)) == held)
        finish(&filtered, fixture)
        #expect(filtered.matchCount == 10_000 / 7)
    }

    @Test func aChangedFilterStopsItsScanPromptly() throws {
        let fixture = try fixture()
        var filtered: FilteredEvents? = FilteredEvents(filter: try EventFilter(parsing: "event:*"))
        _ = filtered?.update(from: fixture.events, logDirectory: temporary.path, logOldest: 1)
        filtered = FilteredEvents(filter: try EventFilter(parsing: "event:VOLUME_*"))
        filtered = nil
        let deadline = Date().addingTimeInterval(5)
        while LogFilterScan.running.load(ordering: .relaxed) > 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(LogFilterScan.running.load(ordering: .relaxed) == 0)
    }

    @Test func matchesAreBoundedAndTheTitleSaysOlderAreNotListed() throws {
        _ = try fixture()
        let scan = try #require(
            LogFilterScan(
                filter: try EventFilter(parsing: "event:*"), nodeNames: [:], directory: temporary.path, through: 9_000, maxMatches: 100))
        let deadline = Date().addingTimeInterval(5)
        var (found, done, capped) = ([UInt64](), false, false)
        while !done, Date() < deadline {
            let taken = scan.take()
            found += taken.found.flatMap(\.sequences)
            (done, capped) = (taken.done, taken.capped)
        }
        #expect(done && capped)
        #expect(found.count >= 100 && found.count < 200)
        #expect(found.allSatisfy { $0 > 8_000 })  // the newest first
    }

    @Test func retentionDeletingSegmentsMidScanIsNoError() throws {
        let fixture = try fixture()
        var filtered = FilteredEvents(filter: try EventFilter(parsing: "event:BRICK_*"))
        _ = filtered.update(from: fixture.events, logDirectory: temporary.path, logOldest: 1)
        // Retention: all but the newest two segments go while the scan reads.
        for segment in EventLogScan.segments(in: temporary.path).dropLast(2) { try FileManager.default.removeItem(atPath: segment.path) }
        finish(&filtered, fixture)
        #expect(filtered.isLogComplete)
        let rows = all(filtered.rows)
        #expect(rows == rows.sorted() && rows.last == 9_996)
    }
}
