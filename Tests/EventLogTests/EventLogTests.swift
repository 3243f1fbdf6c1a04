import EventLog
import Foundation
import GlusterEvents
import Testing
import TestSupport

@Suite struct EventLogTests {
    let temporary = TemporaryDirectory()
    var directory: String { temporary.path }

    private func accepted(_ n: Int) -> [ReceivedEvent] {
        (0..<n).map {
            ReceivedEvent(
                name: "E\($0)", timestamp: 1, body: #"{"event": "E\#($0)"}"#, source: "127.0.0.1:1",
                receivedAtMillis: 1000 + Int64($0))
        }
    }

    @Test func numbersEventsFromOneAndResumesAfterReopen() throws {
        do {
            let writer = try EventLogWriter(directory: directory)
            #expect(try writer.append(accepted(3)) == 1)
            #expect(try writer.append(accepted(2)) == 4)
        }
        let reopened = try EventLogWriter(directory: directory)
        #expect(reopened.nextSequence == 6)
        try reopened.append(accepted(1))
        let events = EventLogReader(directory: directory).last(10)
        #expect(events.map(\.sequence) == [1, 2, 3, 4, 5, 6])
        #expect(events[0].body == #"{"event": "E0"}"#)
        #expect(events[0].source == "127.0.0.1:1")
    }

    @Test func cutsAHalfWrittenLastLineOnOpen() throws {
        do { try EventLogWriter(directory: directory).append(accepted(2)) }
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first)
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/" + segment))
        handle.seekToEndOfFile()
        handle.write(Data("3\t1000\tx\t{\"ev".utf8))
        handle.closeFile()
        let writer = try EventLogWriter(directory: directory)
        #expect(writer.repairedBytes == 13)
        #expect(writer.nextSequence == 3)
        try writer.append(accepted(1))
        #expect(EventLogReader(directory: directory).last(5).map(\.sequence) == [1, 2, 3])
    }

    @Test func lastReadsOnlyTheTailOfALongLog() throws {
        let writer = try EventLogWriter(directory: directory)
        for _ in 0..<50 { try writer.append(accepted(200)) }
        let reader = EventLogReader(directory: directory)
        #expect(reader.last(3).map(\.sequence) == [9998, 9999, 10000])
        #expect(reader.last(0).isEmpty)
        #expect(reader.last(20_000).count == 10_000)
    }

    /// `tail` streams the last N events from where they start, found reading backwards only.
    @Test func theStartOfTheLastEventsIsFoundAcrossSegments() throws {
        let writer = try EventLogWriter(directory: directory, maxSegmentBytes: 300)
        for _ in 0..<10 { try writer.append(accepted(5)) }
        let reader = EventLogReader(directory: directory)
        for count in [1, 7, 23, 50] {
            let start = try #require(reader.start(ofLast: count))
            #expect(EventLogCursor(directory: directory, at: start).read(limit: 100).map(\.sequence) == Array(UInt64(51 - count)...50))
        }
        let all = try #require(reader.start(ofLast: 1000))
        #expect(all.offset == 0 && all.path.hasSuffix("events-00000000000000000001.log"))
        #expect(EventLogCursor(directory: directory, at: try #require(reader.start(ofLast: 0))).read(limit: 10).isEmpty)
        #expect(EventLogReader(directory: directory + "/none").start(ofLast: 5) == nil)
    }

    /// `tail -n N --event …`: the first of the last N matching events, however far back, found
    /// reading the newest segments first and only as many as it takes.
    @Test func theFirstOfTheLastMatchingEventsIsFoundAcrossSegments() throws {
        let writer = try EventLogWriter(directory: directory, maxSegmentBytes: 300)
        for _ in 0..<10 { try writer.append(accepted(5)) }  // E0…E4, ten times: sequences 1…50
        let reader = EventLogReader(directory: directory)
        let isE2: (LoggedEvent) -> Bool = { $0.body.contains(#""E2""#) }  // sequences 3, 8, …, 48
        #expect(reader.lastMatching(1, through: 50, where: isE2) == 48...48)
        #expect(reader.lastMatching(3, through: 50, where: isE2) == 38...48)
        #expect(reader.lastMatching(10, through: 50, where: isE2) == 3...48)
        #expect(reader.lastMatching(1000, through: 50, where: isE2) == 3...48)
        #expect(reader.lastMatching(2, through: 40, where: isE2) == 33...38)  // not past `through`
        #expect(reader.lastMatching(0, through: 50, where: isE2) == nil)
        #expect(reader.lastMatching(3, through: 50, where: { _ in false }) == nil)
        #expect(reader.lastMatching(4, through: 50, where: { _ in true }) == 47...50)
        let isE0: (LoggedEvent) -> Bool = { $0.body.contains(#""E0""#) }  // sequences 1, 6, …, 46
        #expect(reader.lastMatching(2, through: 50, where: isE0) == 41...46)
        // Only the newest segments are read when they hold enough.
        var seen: Set<UInt64> = []
        #expect(reader.lastMatching(2, through: 50) { seen.insert($0.sequence); return isE2($0) } == 43...48)
        #expect(seen.min() ?? 0 > 30)
    }

    @Test func followingYieldsOnlyNewCompleteEvents() throws {
        let writer = try EventLogWriter(directory: directory)
        try writer.append(accepted(2))
        // As `tail --follow` does: a cursor after the newest event logged.
        let newest = try #require(EventLogReader(directory: directory).last(1).first?.sequence)
        let cursor = EventLogCursor(directory: directory, from: newest + 1)
        #expect(cursor.read(limit: 100).isEmpty)
        try writer.append(accepted(3))
        #expect(cursor.read(limit: 100).map(\.sequence) == [3, 4, 5])
        #expect(cursor.read(limit: 100).isEmpty)
    }

    /// One segment reached 301 MB with a 64 MiB segment size: a batch went on to the full one.
    @Test func aBatchOfBigEventsIsSplitAcrossSegmentsOfAtMostTheSegmentSize() throws {
        let segmentBytes = 1024 * 1024
        let body = #"{"event": "BIG", "message": {"v": ""# + String(repeating: "\\u0001", count: 65_000) + #""}}"#
        let big = (0..<40).map { _ in
            ReceivedEvent(name: "BIG", timestamp: 1, body: body, source: "127.0.0.1:1", receivedAtMillis: 1000)
        }
        let writer = try EventLogWriter(directory: directory, maxSegmentBytes: segmentBytes)
        #expect(try writer.append(big) == 1)  // one batch of 40 × ~390 KB
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names.count >= 13)
        for name in names {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int)
            #expect(size < segmentBytes + body.utf8.count + 64, "\(name) has \(size) bytes")
        }
        let events = EventLogCursor(directory: directory, from: 1).read(limit: 100)
        #expect(events.map(\.sequence) == Array(1...40))
        #expect(try EventLogWriter(directory: directory, maxSegmentBytes: segmentBytes).nextSequence == 41)
    }

    @Test func readsTheLineFormat() {
        #expect(
            LoggedEvent(line: "7\t99\t[::1]:5\t{\"a\": \"b\\tc\"}")
                == LoggedEvent(sequence: 7, receivedAtMillis: 99, source: "[::1]:5", body: #"{"a": "b\tc"}"#))
        #expect(LoggedEvent(line: "garbage") == nil)
        #expect(LoggedEvent(line: "x\t1\ts\t{}") == nil)
    }
}
