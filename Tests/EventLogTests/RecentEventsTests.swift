import EventLog
import GlusterEvents
import Testing

@Suite struct RecentEventsTests {
    private func events(_ names: [String]) -> [ReceivedEvent] {
        names.map { ReceivedEvent(name: $0, timestamp: 1, body: "{}", source: "s", receivedAtMillis: 0) }
    }

    @Test func keepsTheNewestInOrderAndForgetsTheOldest() {
        let ring = RecentEvents(capacity: 3)
        #expect(ring.newest(5).isEmpty)
        ring.append(events(["A", "B"]), firstSequence: 1)
        #expect(ring.newest(5).map(\.event.name) == ["A", "B"])
        ring.append(events(["C", "D", "E"]), firstSequence: 3)
        #expect(ring.newest(5).map(\.event.name) == ["C", "D", "E"])
        #expect(ring.newest(2).map(\.sequence) == [4, 5])
        #expect(ring.count == 3)
    }

    @Test func generationChangesOnEveryAppend() {
        let ring = RecentEvents(capacity: 10)
        let before = ring.generation
        ring.append(events(["A"]), firstSequence: 1)
        #expect(ring.generation != before)
    }
}
