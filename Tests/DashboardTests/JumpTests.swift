@testable import Dashboard
import EventLog
import Foundation
import GlusterEvents
import Testing

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
