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

@Suite struct RecentEventsLookupTests {
    @Test func entriesBySequenceAcrossTheWrap() {
        let ring = RecentEvents(capacity: 4)
        #expect(ring.sequences == nil)
        let events = (1...6).map { ReceivedEvent(name: "E\($0)", timestamp: 1, body: "{}", source: "s", receivedAtMillis: 0) }
        ring.append(events, firstSequence: 1)
        #expect(ring.sequences == 3...6)
        #expect(ring.entries(from: 4, count: 2).map(\.event.name) == ["E4", "E5"])
        #expect(ring.entries(from: 5, count: 10).map(\.sequence) == [5, 6])
        #expect(ring.entries(from: 1, count: 2).isEmpty)  // evicted
        #expect(ring.entries(from: 7, count: 2).isEmpty)
    }
}
