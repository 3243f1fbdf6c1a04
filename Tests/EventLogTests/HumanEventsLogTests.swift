import EventLog
import Foundation
import GlusterEvents
import Testing
import TestSupport

/// `events.log` reached 590 MB from 1,500 datagrams: it is now rotated, logrotate-friendly, and
/// its lines are cut to a readable length.
@Suite struct HumanEventsLogTests {
    let temporary = TemporaryDirectory()
    var directory: String { temporary.path }
    var path: String { directory + "/events.log" }

    private func event(_ body: String = #"{"event": "VOLUME_START", "message": {"name": "gv0"}}"#) -> [ReceivedEvent] {
        [ReceivedEvent(name: "VOLUME_START", timestamp: 1, body: body, source: "127.0.0.1:1", receivedAtMillis: 1_764_540_000_000)]
    }

    private func read(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The sequence numbers (`#N`) of a file's lines.
    private func sequences(_ path: String) -> [Int] {
        read(path).split(separator: "\n").compactMap { line in
            line.split(separator: "#").last?.split(separator: " ").first.flatMap { Int($0) }
        }
    }

    @Test func rotatesBySizeKeepingTheGivenNumberOfFiles() throws {
        let log = HumanEventsLog(path: path, limits: .init(maxBytes: 2000, files: 2))
        for n in 1...100 {
            try log.append(event(), firstSequence: UInt64(n), now: Double(n))
            try log.flush(now: Double(n))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["events.log", "events.log.1", "events.log.2"])
        for name in names {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int)
            #expect(size <= 2000)
        }
        let kept = sequences(path + ".2") + sequences(path + ".1") + sequences(path)
        #expect(kept == Array((101 - kept.count)...100))  // the newest, in order, none lost between files
    }

    @Test func aFileMovedAwayByLogrotateIsRecreatedAndTakesTheNextEvents() throws {
        let log = HumanEventsLog(path: path)
        try log.append(event(), firstSequence: 1, now: 0)
        try log.flush(now: 0)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".rotated")
        try log.append(event(), firstSequence: 2, now: 2)
        try log.flush(now: 2)
        #expect(sequences(path + ".rotated") == [1])
        #expect(sequences(path) == [2])
        // Removed: the same. Asked to (SIGHUP): at once, however recent the last check.
        try FileManager.default.removeItem(atPath: path)
        try log.append(event(), firstSequence: 3, now: 4)
        try log.flush(now: 4)
        #expect(sequences(path) == [3])
        try FileManager.default.moveItem(atPath: path, toPath: path + ".hup")
        log.requestReopen()
        try log.append(event(), firstSequence: 4, now: 4.1)
        try log.flush(now: 4.1)
        #expect(sequences(path + ".hup") == [3])
        #expect(sequences(path) == [4])
    }

    @Test func aLongLineIsCutSayingHowMuchWasLeftOut() throws {
        let log = HumanEventsLog(path: path, limits: .init(maxLineBytes: 1000))
        // A 65,000-byte datagram of control bytes: a 390 KB body; and one with a character on the cut.
        let body = #"{"event": "X", "message": {"junk": ""# + String(repeating: "\\u0001", count: 65_000) + #""}}"#
        let accented = String(repeating: "é", count: 600)  // after "a", 2 bytes each: the cut at byte 1000 falls inside one
        try log.append(event(body) + event("a" + accented), firstSequence: 1, now: 0)
        try log.flush()
        let lines = read(path).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("…(\(body.utf8.count - 1000) bytes more)"))
        #expect(lines[0].utf8.count < 1100)
        #expect(lines[1].hasSuffix("é…(202 bytes more)"))
    }
}
