import Foundation
import EventLog
import GlusterEvents
import Testing
import TestSupport

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

/// The review's row 5: 1,500 datagrams of 65,507 control bytes (a 393 KB body each) took the
/// dashboard from 35 to 870 MiB. The ring is bounded in bytes, and holds such events abridged.
@Suite struct RecentEventsMemoryTests {
    private static let hugeBody: String = {
        let value = String(repeating: "\u{1}", count: 65_000)
        return JSONValue.object([
            ("event", .string("VOLUME_CREATE")), ("message", .object([("k", .string(value))])), ("nodeid", .string("n")),
            ("ts", .int(1)),
        ]).encoded()
    }()

    @Test func hugeEventsAreHeldAbridgedWithinTheByteBudget() {
        #expect(Self.hugeBody.utf8.count > 390_000)
        let ring = RecentEvents(capacity: 100_000, maxBytes: 1 << 20)
        for sequence in 1...1_500 {
            let event = ReceivedEvent(name: "VOLUME_CREATE", timestamp: 1, body: Self.hugeBody, source: "s", receivedAtMillis: 0)
            ring.append([event], firstSequence: UInt64(sequence))
        }
        #expect(ring.bytes <= 1 << 20)
        #expect(ring.count > 100)  // abridged, many still fit
        let newest = ring.newest(1)[0]
        #expect(newest.sequence == 1_500)
        #expect(newest.abridgedFrom == Self.hugeBody.utf8.count)
        #expect(newest.event.body.utf8.count < 4_096)
        let body = try? JSONValue.parse(newest.event.body)
        #expect(body?["event"]?.stringValue == "VOLUME_CREATE")  // still the event, for its row
        #expect(body?["message"]?["k"]?.stringValue?.hasSuffix("…") == true)
    }

    @Test func manySmallEventsAreBoundedInBytesToo() {
        let ring = RecentEvents(capacity: 1_000_000, maxBytes: 256 << 10)
        let events = (0..<10_000).map { ReceivedEvent(name: "E", timestamp: 1, body: "{\"n\": \($0)}", source: "s", receivedAtMillis: 0) }
        ring.append(events, firstSequence: 1)
        #expect(ring.bytes <= 256 << 10)
        #expect(ring.sequences?.upperBound == 10_000)
        #expect(ring.entries(from: ring.sequences!.lowerBound, count: .max).count == ring.count)
    }

    @Test func anAbridgedEventIsReadBackWholeFromTheLog() throws {
        let temporary = TemporaryDirectory()
        let directory = temporary.path
        let writer = try EventLogWriter(directory: directory)
        let event = ReceivedEvent(name: "VOLUME_CREATE", timestamp: 1, body: Self.hugeBody, source: "s", receivedAtMillis: 0)
        let first = try #require(try writer.append([event]))
        let ring = RecentEvents(capacity: 10)
        ring.append([event], firstSequence: first)
        let held = ring.newest(1)[0]
        #expect(held.abridgedFrom != nil)
        let whole = held.whole(logDirectory: directory)
        #expect(whole.event.body == Self.hugeBody && whole.abridgedFrom == nil)
    }
}

/// At start the dashboard reads the newest events back from the log: a few MiB at a time, into the
/// ring's byte budget (10,000 events of 390 KB would be 3.9 GB read at once).
@Suite struct RecentEventsPreloadTests {
    @Test func largeLoggedEventsArePreloadedWithinTheBudget() throws {
        let temporary = TemporaryDirectory()
        let directory = temporary.path
        let writer = try EventLogWriter(directory: directory)
        let body = #"{"event": "E", "message": {"k": ""# + String(repeating: "x", count: 390_000) + #""}, "nodeid": "n", "ts": 1}"#
        for _ in 0..<40 {
            try writer.append([ReceivedEvent(name: "E", timestamp: 1, body: body, source: "s", receivedAtMillis: 0)])
        }
        let ring = RecentEvents(capacity: 10_000, maxBytes: 64 << 10)
        ring.preload(fromLog: directory)
        #expect(ring.sequences?.upperBound == 40)
        #expect(ring.bytes <= 64 << 10)
        #expect(ring.newest(1).first?.abridgedFrom == body.utf8.count)
    }

    /// After a restart the dashboard shows as many events as it holds (100,000 by default), not
    /// a fixed 10,000.
    @Test func aRestartReloadsAsManyEventsAsTheRingHolds() throws {
        let temporary = TemporaryDirectory()
        let writer = try EventLogWriter(directory: temporary.path)
        let event = ReceivedEvent(name: "E", timestamp: 1, body: #"{"event": "E"}"#, source: "s", receivedAtMillis: 0)
        try writer.append(Array(repeating: event, count: 12_500))
        let ring = RecentEvents(capacity: 12_000)
        ring.preload(fromLog: temporary.path)
        #expect(ring.sequences == 501...12_500)
    }

    @Test func aGapStartsTheRingAgain() {
        let ring = RecentEvents(capacity: 10)
        let events = (1...3).map { ReceivedEvent(name: "E\($0)", timestamp: 1, body: "{}", source: "s", receivedAtMillis: 0) }
        ring.append(events, firstSequence: 1)
        ring.append(events, firstSequence: 10)
        #expect(ring.sequences == 10...12)
        #expect(ring.entries(from: 11, count: 1).first?.event.name == "E2")
    }
}

/// The ring is a circular buffer: evicting by bytes, refilling, growing and wrapping keep the
/// entries consecutive and in order.
@Suite struct RecentEventsRingTests {
    @Test func evictingByBytesThenGrowingKeepsOrder() {
        let small = ReceivedEvent(name: "S", timestamp: 1, body: "{}", source: "s", receivedAtMillis: 0)
        let large = ReceivedEvent(name: "L", timestamp: 1, body: String(repeating: "x", count: 4_000), source: "s", receivedAtMillis: 0)
        let ring = RecentEvents(capacity: 8, maxBytes: 6_000)
        ring.append([small, small, small], firstSequence: 1)
        ring.append([large], firstSequence: 4)  // fits: small ones stay
        ring.append([large], firstSequence: 5)  // over budget: the oldest go until it fits
        #expect(ring.sequences == 5...5)
        ring.append(Array(repeating: small, count: 10), firstSequence: 6)  // wraps, grows, then holds 8
        #expect(ring.sequences == 8...15)
        #expect(ring.entries(from: 8, count: 100).map(\.sequence) == Array(8...15))
        #expect(ring.newest(3).map(\.sequence) == [13, 14, 15])
        #expect(ring.bytes <= 6_000)
    }
}
