import EventLog
import Foundation
import GlusterEvents
import Testing
import TestSupport

@Suite struct EventLogCursorTests {
    let temporary = TemporaryDirectory()
    var directory: String { temporary.path }

    private func events(_ n: Int, size: Int = 10) -> [ReceivedEvent] {
        (0..<n).map {
            ReceivedEvent(
                name: "VOLUME_START", timestamp: 7,
                body: #"{"event": "VOLUME_START", "message": {"n": "\#($0)\#(String(repeating: "x", count: size))"}, "nodeid": "n", "ts": 7}"#,
                source: "127.0.0.1:1", receivedAtMillis: 1000)
        }
    }

    private func segmentNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func readsFromASequenceOnAcrossSegmentsAndAsTheLogGrows() throws {
        let writer = try EventLogWriter(directory: directory, maxSegmentBytes: 1000)
        for _ in 0..<6 { try writer.append(events(5)) }  // ~500 bytes a batch
        #expect(segmentNames().count > 2)  // rotated by size
        #expect(segmentNames().first == "events-00000000000000000001.log")
        let cursor = EventLogCursor(directory: directory, from: 7)
        #expect(cursor.read(limit: 5).map(\.sequence) == [7, 8, 9, 10, 11])
        #expect(cursor.read(limit: 100).map(\.sequence) == Array(12...30))
        #expect(cursor.read(limit: 100).isEmpty)  // at the end…
        try writer.append(events(3))
        #expect(cursor.read(limit: 100).map(\.sequence) == [31, 32, 33])  // …until the log grows
        let first = try #require(EventLogCursor(directory: directory, from: 1).read(limit: 1).first)
        #expect(first.body.hasPrefix(#"{"event": "VOLUME_START""#) && first.source == "127.0.0.1:1")
    }

    /// A cursor that lets go of what it read ahead goes on where it was, mid-segment, reading again.
    @Test func lettingGoOfTheBufferLosesNoEvent() throws {
        let writer = try EventLogWriter(directory: directory)
        try writer.append(events(200, size: 500))  // one segment of ~120 KB
        let cursor = EventLogCursor(directory: directory, from: 1)
        var read: [UInt64] = []
        while case let batch = cursor.read(limit: 7), !batch.isEmpty {
            read += batch.map(\.sequence)
            cursor.letGoOfBuffer()
        }
        #expect(read == Array(1...200))
        try writer.append(events(3))
        cursor.letGoOfBuffer()
        #expect(cursor.read(limit: 100).map(\.sequence) == [201, 202, 203])
    }

    /// A cursor waiting at the log's head (a webhook that is keeping up) finds the segment the writer
    /// moves on to at once, by its name, not at the next listing of the directory.
    @Test func aCursorAtTheHeadFollowsTheWriterIntoItsNextSegmentAtOnce() throws {
        let writer = try EventLogWriter(directory: directory, maxSegmentBytes: 1000)
        try writer.append(events(5))
        let cursor = EventLogCursor(directory: directory, from: 1)
        #expect(cursor.read(limit: 100).map(\.sequence) == Array(1...5))
        #expect(cursor.read(limit: 100).isEmpty)  // at the head: the directory was just listed
        var expected: UInt64 = 6
        for _ in 0..<4 {  // each batch ends the segment (~500 bytes a batch): read at once every time
            try writer.append(events(5))
            #expect(cursor.read(limit: 100).map(\.sequence) == Array(expected...(expected + 4)))
            expected += 5
        }
        #expect(segmentNames().count >= 2)
    }

    @Test func neverReturnsAHalfWrittenLine() throws {
        try EventLogWriter(directory: directory).append(events(2))
        let path = directory + "/" + segmentNames()[0]
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("3\t1000\t127.0.0.1:1\t{\"ev".utf8))
        let cursor = EventLogCursor(directory: directory, from: 1)
        #expect(cursor.read(limit: 10).map(\.sequence) == [1, 2])
        handle.write(Data("ent\": \"X\"}\n".utf8))
        handle.closeFile()
        #expect(cursor.read(limit: 10).map(\.sequence) == [3])
    }

    @Test func retentionDeletesTheOldestSegmentsAndCursorsMoveOn() throws {
        let writer = try EventLogWriter(directory: directory, maxSegmentBytes: 1000)
        for _ in 0..<8 { try writer.append(events(5)) }
        try writer.append(events(1))
        let before = segmentNames()
        let outcome = EventLogRetention(retentionBytes: 2500).enforce(directory: directory, neededFrom: .max)
        #expect(segmentNames().count < before.count)
        #expect(segmentNames().last == before.last)  // the one being written is never deleted
        #expect(outcome.keptBeyondRetention.isEmpty && outcome.deletedNeededThrough == nil)
        #expect(outcome.bytes <= 2500)
        let kept = try #require(EventLogCursor.oldestSequence(in: directory))
        let cursor = EventLogCursor(directory: directory, from: 1)
        #expect(cursor.read(limit: 1).first?.sequence == kept)  // from the oldest kept
    }

    /// Retention deleted events a webhook that was down had not got, and said nothing.
    @Test func retentionKeepsSegmentsAWebhookStillNeedsUpToTheHardBudget() throws {
        let writer = try EventLogWriter(directory: directory, maxSegmentBytes: 1000)
        for _ in 0..<20 { try writer.append(events(5)) }  // 100 events, ~10 KB
        let before = segmentNames()
        // A webhook has not finished event 12: its segment and all after it stay, beyond retention.
        let keeping = EventLogRetention(retentionBytes: 2500, maxBytes: 1 << 20).enforce(directory: directory, neededFrom: 12)
        let oldest = try #require(EventLogCursor.oldestSequence(in: directory))
        #expect(oldest <= 12 && segmentNames().count < before.count)
        #expect(EventLogCursor(directory: directory, from: 12).read(limit: 200).map(\.sequence) == Array(12...100))
        #expect(keeping.deletedNeededThrough == nil)
        #expect(keeping.bytes > 2500)
        #expect(keeping.keptBeyondRetention.first?.events.contains(12) == true)
        #expect(keeping.keptBeyondRetention.reduce(0) { $0 + $1.bytes } >= keeping.bytes - 2500)
        // Past the hard budget the oldest go all the same, and the outcome says up to which event.
        let forced = EventLogRetention(retentionBytes: 2500, maxBytes: 5000).enforce(directory: directory, neededFrom: 12)
        let kept = try #require(EventLogCursor.oldestSequence(in: directory))
        #expect(forced.deletedNeededThrough == kept - 1)
        #expect(forced.bytes <= 5000 && kept > 12)
    }

    @Test func positionsAreSavedAndLoaded() throws {
        let positions = DeliveryPositions(path: directory + "/positions.json")
        #expect(positions.load().isEmpty)
        let places = [
            "http://a/1": DeliveryPlace(position: 42, since: 3, epoch: "00c0ffee00c0ffee"),
            "https://b/2": DeliveryPlace(position: 7, finishedAhead: [9...12, 15...15], since: 7, epoch: "00c0ffee00c0ffee"),
        ]
        try positions.save(places, epoch: "00c0ffee00c0ffee")
        #expect(positions.load() == places)
        let saved = String(decoding: try Data(contentsOf: URL(fileURLWithPath: positions.path)), as: UTF8.self)
        #expect(
            saved
                == #"{"http://a/1": {"epoch": "00c0ffee00c0ffee", "position": 42, "since": 3}, "https://b/2": {"epoch": "00c0ffee00c0ffee", "finished": [[9, 12], [15, 15]], "position": 7, "since": 7}}"#
        )
        // Files of earlier versions: a bare position, or no `since`.
        try Data(#"{"http://a/1": 42, "https://b/2": {"finished": [[9, 12]], "position": 7}}"#.utf8)
            .write(to: URL(fileURLWithPath: positions.path))
        #expect(
            positions.load() == [
                "http://a/1": DeliveryPlace(position: 42), "https://b/2": DeliveryPlace(position: 7, finishedAhead: [9...12]),
            ])
        #expect(places["https://b/2"]!.isFinished(6) && places["https://b/2"]!.isFinished(10))
        #expect(!places["https://b/2"]!.isFinished(7) && !places["https://b/2"]!.isFinished(13))
        try Data("not json".utf8).write(to: URL(fileURLWithPath: positions.path))
        #expect(positions.load().isEmpty)
    }

    @Test func theRingStartsWithTheNewestLoggedEvents() throws {
        try EventLogWriter(directory: directory).append(events(5))
        let ring = RecentEvents(capacity: 3)
        ring.load(EventLogReader(directory: directory).last(3))
        #expect(ring.sequences == 3...5)
        #expect(ring.newest(1).first?.event.name == "VOLUME_START")
        #expect(ring.newest(1).first?.event.timestamp == 7)
    }
}
