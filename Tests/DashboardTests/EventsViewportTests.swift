@testable import Dashboard
import Testing

@Suite struct EventsViewportTests {
    @Test func followingShowsTheNewest() {
        let viewport = EventsViewport()
        #expect(viewport.top(rows: 10, held: 1...100) == 91)
        #expect(viewport.top(rows: 10, held: 1...5) == 1)
    }

    @Test func scrollingUpPausesAndNewEventsDoNotMoveIt() {
        var viewport = EventsViewport()
        viewport.scroll(by: -3, rows: 10, held: 1...100)
        #expect(viewport.isPaused)
        #expect(viewport.top(rows: 10, held: 1...100) == 88)
        #expect(viewport.top(rows: 10, held: 1...500) == 88)  // more events arrived: the view stays
    }

    @Test func scrollingStopsAtBothEnds() {
        var viewport = EventsViewport()
        viewport.scroll(by: -1000, rows: 10, held: 1...100)
        #expect(viewport.top(rows: 10, held: 1...100) == 1)
        viewport.scroll(by: 1000, rows: 10, held: 1...100)
        #expect(viewport.top(rows: 10, held: 1...100) == 91)
        #expect(viewport.isPaused)  // only End or Space follows again
    }

    @Test func endAndSpaceFollowAgain() {
        var viewport = EventsViewport()
        viewport.togglePause(rows: 10, held: 1...100)
        #expect(viewport.mode == .paused(top: 91))
        viewport.togglePause(rows: 10, held: 1...100)
        #expect(viewport.mode == .following)
        viewport.home(held: 1...100)
        #expect(viewport.top(rows: 10, held: 1...100) == 1)
        viewport.follow()
        #expect(viewport.top(rows: 10, held: 1...200) == 191)
    }

    @Test func aPausedPlaceThatLeftTheRingMovesToTheOldestHeld() {
        var viewport = EventsViewport()
        viewport.home(held: 1...100)
        #expect(viewport.top(rows: 10, held: 50...150) == 50)
    }
}
