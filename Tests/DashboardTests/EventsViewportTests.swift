@testable import Dashboard
import Testing

@Suite struct EventsViewportTests {
    let rows = EventRows.all(1...100)

    @Test func followingShowsAndSelectsTheNewest() throws {
        let viewport = EventsViewport()
        let placement = try #require(viewport.placement(height: 10, rows: rows))
        #expect(rows.sequence(at: placement.top) == 91)
        #expect(rows.sequence(at: placement.selected) == 100)
        #expect(viewport.placement(height: 10, rows: .all(1...5))?.top == 0)
        #expect(viewport.placement(height: 10, rows: .all(nil)) == nil)
    }

    @Test func movingUpPausesAndNewEventsDoNotMoveTheView() {
        var viewport = EventsViewport()
        viewport.move(by: -3, height: 10, rows: rows)
        #expect(viewport.isPaused)
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 97)
        let more = EventRows.all(1...500)
        #expect(viewport.selectedSequence(height: 10, rows: more) == 97)
        #expect(viewport.placement(height: 10, rows: more).map { more.sequence(at: $0.top) } == 91)
    }

    @Test func theViewScrollsOnlyWhenTheSelectionLeavesIt() {
        var viewport = EventsViewport()
        viewport.move(by: -9, height: 10, rows: rows)  // to the top row: no scrolling yet
        #expect(viewport.placement(height: 10, rows: rows).map { rows.sequence(at: $0.top) } == 91)
        viewport.move(by: -1, height: 10, rows: rows)
        #expect(viewport.placement(height: 10, rows: rows).map { rows.sequence(at: $0.top) } == 90)
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 90)
    }

    @Test func pagesMoveViewAndSelectionTogetherAndStopAtTheEnds() {
        var viewport = EventsViewport()
        viewport.move(by: -10, height: 10, rows: rows)
        #expect(viewport.placement(height: 10, rows: rows).map { rows.sequence(at: $0.top) } == 81)
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 90)
        viewport.move(by: -1000, height: 10, rows: rows)
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 1)
        viewport.move(by: 1000, height: 10, rows: rows)
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 100)
        #expect(viewport.isPaused)  // only End or Space follows again
    }

    @Test func endAndSpaceFollowAgain() {
        var viewport = EventsViewport()
        viewport.togglePause(height: 10, rows: rows)
        #expect(viewport.mode == .paused(selected: 100, top: 91))
        viewport.togglePause(height: 10, rows: rows)
        #expect(viewport.mode == .following)
        viewport.home(rows: rows)
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 1)
        viewport.follow()
        #expect(viewport.selectedSequence(height: 10, rows: .all(1...200)) == 200)
    }

    @Test func aPausedPlaceThatLeftTheRingMovesToTheOldestHeld() {
        var viewport = EventsViewport()
        viewport.home(rows: rows)
        #expect(viewport.selectedSequence(height: 10, rows: .all(50...150)) == 50)
    }

    @Test func clickingARowSelectsIt() {
        var viewport = EventsViewport()
        viewport.select(visibleRow: 2, height: 10, rows: rows)
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 93)
        viewport.select(visibleRow: 50, height: 10, rows: .all(1...5))  // below the last row: nothing
        #expect(viewport.selectedSequence(height: 10, rows: rows) == 93)
    }

    @Test func filteredRowsKeepThePlaceBySequence() {
        let matching = EventRows.matching([3, 8, 20, 40, 41])
        #expect(matching.count == 5)
        #expect(matching.index(atOrAfter: 9) == 2)
        #expect(matching.index(atOrAfter: 100) == 4)
        #expect(matching.index(atOrAfter: 0) == 0)
        var viewport = EventsViewport()
        viewport.pause(selected: 10, top: 1, rows: .all(nil))  // 10 is not a match: the next one is selected
        #expect(viewport.selectedSequence(height: 3, rows: matching) == 20)
        let slice: [UInt64] = [1, 2, 3, 4]  // a slice that does not start at 0
        #expect(EventRows.matching(MatchedSequences(held: slice[2...])).sequence(at: 1) == 4)
    }

    /// A filter's matches in three runs (the log segment being scanned, those done newest first,
    /// the held events') read as one list, oldest first.
    @Test func matchesFromTheLogAndTheRingAreOneList() {
        let all: [UInt64] = [2, 5, 9, 10, 30, 31, 50]
        let matches = MatchedSequences(scanning: [2, 5][...], scannedDescending: [30, 10, 9], held: [0, 31, 50][1...])
        #expect(matches.count == 7)
        #expect((0..<7).map { matches[$0] } == all)
        #expect(matches == MatchedSequences(held: all[...]))
        let rows = EventRows.matching(matches)
        #expect(rows.index(atOrAfter: 6) == 2 && rows.index(atOrAfter: 11) == 4 && rows.index(atOrAfter: 31) == 5)
        #expect(rows.index(atOrAfter: 0) == 0 && rows.index(atOrAfter: 99) == 6)
    }
}
