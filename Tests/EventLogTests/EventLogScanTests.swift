import Foundation
import GlusterEvents
import Testing
import TestSupport

@testable import EventLog

/// A filter's pass over the whole log reads each segment forward as bytes, and can read a line
/// back alone from where it found it.
@Suite struct EventLogScanTests {
    let temporary = TemporaryDirectory()

    /// `count` events over segments of 32 KiB.
    private func writeLog(_ count: Int) throws {
        let writer = try EventLogWriter(directory: temporary.path, maxSegmentBytes: 32 << 10)
        for batch in stride(from: 0, to: count, by: 500) {
            try writer.append(
                (batch..<min(count, batch + 500)).map { n in
                    ReceivedEvent(
                        name: "VOLUME_START", timestamp: 1, body: #"{"event": "VOLUME_START", "message": {"n": "\#(n + 1)"}, "nodeid": "x", "ts": 1}"#,
                        source: "s", receivedAtMillis: Int64(n))
                })
        }
    }

    @Test func readsEveryLineOfEverySegmentInOrderWithWhereItStarts() throws {
        try writeLog(5_000)
        let segments = EventLogScan.segments(in: temporary.path)
        #expect(segments.count > 5 && segments.first?.firstSequence == 1)
        var seen: [UInt64] = []
        var found: (path: String, offset: Int)?
        for segment in segments {
            let done = EventLogScan.scan(segment, through: 4_000, chunkBytes: 4096) { line in
                seen.append(line.sequence)
                if line.sequence == 3_333 {
                    found = (segment.path, line.offset)
                    #expect(String(decoding: line.body, as: UTF8.self).contains(#""n": "3333""#))
                    #expect(line.receivedAtMillis == 3_332 && String(decoding: line.source, as: UTF8.self) == "s")
                }
                return true
            }
            #expect(done)
        }
        #expect(seen == Array(1...4_000))  // up to `through`, across chunk borders
        let event = try #require(found.flatMap { EventLogScan.event(in: $0.path, at: $0.offset) })
        #expect(event.sequence == 3_333 && event.body.contains(#""n": "3333""#))
        #expect(EventLogScan.event(in: temporary.file("gone.log"), at: 0) == nil)
    }

    @Test func stopsWhenAskedAndSkipsASegmentRetentionDeleted() throws {
        try writeLog(2_000)
        let segments = EventLogScan.segments(in: temporary.path)
        var count = 0
        #expect(!EventLogScan.scan(segments[0], through: .max) { _ in count += 1; return count < 10 })
        #expect(count == 10)
        // Deleted while read: the open file is read to its end; deleted before: nothing, no error.
        var read: [UInt64] = []
        #expect(
            EventLogScan.scan(segments[1], through: .max, chunkBytes: 4096) { line in
                if read.isEmpty { try? FileManager.default.removeItem(atPath: segments[1].path) }
                read.append(line.sequence)
                return true
            })
        #expect(read.first == segments[1].firstSequence && read.last == segments[2].firstSequence - 1)
        try FileManager.default.removeItem(atPath: segments[2].path)
        #expect(EventLogScan.scan(segments[2], through: .max) { _ in Issue.record("read a deleted segment"); return true })
    }
}
