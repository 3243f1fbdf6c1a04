@testable import Dashboard
import EventLog
import Foundation
import GlusterEvents
import Testing
import TestSupport

/// `@` jumps to a time: the first event received at or after it, selected in a paused view.
@Suite struct JumpTests {
    /// 100 events received a minute apart from 1,700,000,000 (2023-11-14T22:13:20Z).
    private func events() -> RecentEvents {
        let ring = RecentEvents(capacity: 1000)
        for n in 0..<100 {
            ring.append(
                [ReceivedEvent(name: "VOLUME_START", timestamp: 1, body: "{}", source: "s", receivedAtMillis: Int64(1_700_000_000 + 60 * n) * 1000)],
                firstSequence: UInt64(n + 1))
        }
        return ring
    }

    @Test func theRingFindsTheFirstEventReceivedAtOrAfterATime() {
        let ring = events()
        #expect(ring.firstSequence(receivedAtOrAfter: 0) == 1)
        #expect(ring.firstSequence(receivedAtOrAfter: 1_700_000_000_000) == 1)
        #expect(ring.firstSequence(receivedAtOrAfter: 1_700_000_000_001) == 2)
        #expect(ring.firstSequence(receivedAtOrAfter: (1_700_000_000 + 60 * 42) * 1000) == 43)
        #expect(ring.firstSequence(receivedAtOrAfter: .max) == nil)
        #expect(RecentEvents().firstSequence(receivedAtOrAfter: 0) == nil)
    }

    @Test func atTypedAsATimeSelectsThatEventPaused() throws {
        let ring = events()
        var context = DashboardFixture().keys()
        context.now = Date(timeIntervalSince1970: 1_700_000_000 + 60 * 100)  // just after the last
        context.firstEventReceived = { ring.firstSequence(receivedAtOrAfter: $0) }
        var state = DashboardState()
        _ = state.handle(.character("@"), context)
        #expect(state.overlay is JumpPrompt)
        for character in "-30m" { _ = state.handle(.character(character), context) }
        _ = state.handle(.enter, context)
        #expect(state.overlay == nil)
        #expect(state.focusedPane is EventsPane)
        #expect(state[pane: EventsPane.self]?.viewport.mode == .paused(selected: 71, top: 71))
        #expect(state.currentMessage()?.text == "at -30m: #71")

        // A time that is not one, or that no event is at or after, keeps the prompt open with why.
        _ = state.handle(.character("@"), context)
        for character in "25:99" { _ = state.handle(.character(character), context) }
        _ = state.handle(.enter, context)
        #expect(state.overlay is JumpPrompt)
        #expect(state.currentMessage()?.text.contains("is not a time") == true)
        _ = state.handle(.escape, context)
        _ = state.handle(.character("@"), context)
        for character in "10s" { _ = state.handle(.character(character), context) }  // after the newest
        _ = state.handle(.enter, context)
        #expect(state.currentMessage()?.text.hasPrefix("no event at or after 10s") == true)
    }
}

/// Issue 15: history is the durable log. Scrolling back past the events held, and jumping to a
/// time before them, read the log; memory holds one window of it.
@Suite struct HistoryTests {
    let temporary = TemporaryDirectory()

    /// 60 events logged a minute apart; the dashboard holds the newest 10.
    private func fixture() throws -> DashboardFixture {
        let writer = try EventLogWriter(directory: temporary.path)
        let logged = (1...60).map { n in
            ReceivedEvent(
                name: "VOLUME_START", timestamp: 1_700_000_000,
                body: #"{"event": "VOLUME_START", "message": {"name": "gv\#(n)"}, "nodeid": "x", "ts": 1700000000}"#,
                source: "s", receivedAtMillis: Int64(1_700_000_000 + 60 * n) * 1000)
        }
        try writer.append(logged)
        var fixture = DashboardFixture()
        fixture.events = RecentEvents(capacity: 10)
        fixture.events.append(Array(logged.suffix(10)), firstSequence: 51)
        fixture.history = EventLogHistory(directory: temporary.path)
        return fixture
    }

    @Test func scrollingBackPastWhatIsHeldReadsTheLog() throws {
        let fixture = try fixture()
        #expect(fixture.data.reachable == 1...60)
        var pane = EventsPane()
        let context = fixture.keys()
        _ = pane.handle(.home, context)  // the oldest reachable: the log's first
        let surface = fixture.draw(pane)
        #expect(surface.line(0).contains("EVENTS  PAUSED  — from the log"))
        #expect(surface.line(0).contains("10 held, the log from #1"))
        #expect(surface.line(2).contains("name=gv1") && surface.line(3).contains("name=gv2"))
        // The detail view reads the event from the log too.
        var state = DashboardState()
        state.overlay = EventDetailView(sequence: 3)
        #expect(fixture.screen(state).text.contains(#""name": "gv3""#))
    }

    @Test func aTimeBeforeWhatIsHeldIsFoundInTheLog() throws {
        let fixture = try fixture()
        let data = fixture.data
        #expect(data.firstEventReceived(atOrAfter: (1_700_000_000 + 60 * 20) * 1000) == 20)
        #expect(data.firstEventReceived(atOrAfter: (1_700_000_000 + 60 * 55) * 1000) == 55)  // held
        #expect(data.entries(from: 48, count: 5).map(\.sequence) == [48, 49, 50, 51, 52])  // across the seam
    }
}

/// Issue 15: while paused, the title says how many events came since (End follows again).
@Suite struct NewWhilePausedTests {
    @Test func thePausedTitleCountsTheEventsSincePausing() {
        let fixture = DashboardFixture()
        var pane = EventsPane()
        _ = pane.handle(.up, fixture.keys())  // pauses with 3 events
        #expect(!pane.title(fixture.frame()).text.contains("new"))
        for n in 1...12 { fixture.add("VOLUME_START", ["n": "\(n)"]) }
        #expect(pane.title(fixture.frame()).text.hasSuffix("   12 new (End)"))
        _ = pane.handle(.end, fixture.keys())
        #expect(!pane.title(fixture.frame()).text.contains("new"))
    }
}
