import Foundation
import Testing
import TestSupport

@Suite struct TailTests {
    /// `tail -n 100000 --json` on 390 KB events (a 65,507-byte datagram of control bytes) ran for
    /// over 6 minutes and passed 700 MB: it read the whole log into memory before printing.
    @Test func tailStreamsHugeEventsInBoundedMemory() throws {
        let workdir = TemporaryDirectory()
        let count = 200  // 78 MB of log
        let directory = workdir.path + "/log"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let junk = String(repeating: "\\u0001", count: 65_000)
        for segment in 0..<4 {
            let first = segment * count / 4 + 1
            var text = ""
            for n in first..<(first + count / 4) {
                text += "\(n)\t1764540000000\t127.0.0.1:1\t"
                text += #"{"event": "VOLUME_STOP", "message": {"junk": "\#(junk)", "name": "gv\#(n)"}, "nodeid": "n", "ts": 1764540000}"#
                text += "\n"
            }
            let name = String(format: "events-%020d.log", first)
            #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8)))
        }
        let output = workdir.path + "/tail.json"
        let run = try #require(
            PeakMemory.run(Eventsdash.binary, ["tail", "-n", "100000", "--json", "--workdir", workdir.path], stdout: output))
        #expect(run.status == 0)
        #expect(run.peakKilobytes < 80 * 1024, "tail peaked at \(run.peakKilobytes / 1024) MB")
        let lines = try #require(FileManager.default.contents(atPath: output)).split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == count)
        #expect(lines.first.map { String(decoding: $0.suffix(90), as: UTF8.self).contains(#""name": "gv1"}, "nodeid": "n", "sequence": 1, "ts""#) } == true)
        #expect(lines.last.map { String(decoding: $0.suffix(90), as: UTF8.self).contains(#""name": "gv200"}, "nodeid": "n", "sequence": 200, "ts""#) } == true)
    }

    /// `tail -n 3 --event 'QUORUM_*'` printed only its header: -n took the last events, then the
    /// filter (at most the last 10,000 were looked at). Now -n counts matching events, however far
    /// back in the log they are.
    @Test func countsMatchingEventsAndReachesBackThroughTheWholeLog() throws {
        let workdir = TemporaryDirectory()
        // Quorum events in the first of three segments, 12,000 others after them.
        var events: [(UInt64, String)] = []
        for sequence in UInt64(1)...12_500 {
            let name = sequence.isMultiple(of: 10) && sequence <= 50 ? (sequence.isMultiple(of: 20) ? "QUORUM_REGAINED" : "QUORUM_LOST") : "VOLUME_SET"
            events.append((sequence, TailLog.body(name, ts: 1_764_540_000 + Int64(sequence), message: #""name": "gv0""#)))
        }
        try TailLog.write(workdir.path, segments: [Array(events[..<6000]), Array(events[6000..<12_000]), Array(events[12_000...])])

        let text = try Eventsdash.run(["tail", "-n", "3", "--event", "QUORUM_*", "--workdir", workdir.path])
        #expect(text.status == 0)
        #expect(TailLog.sequences(text.stdout) == [30, 40, 50])
        #expect(text.stdout.contains("QUORUM_REGAINED") && text.stdout.contains("QUORUM_LOST"))
        let json = try Eventsdash.run(["tail", "-n", "3", "--event", "QUORUM_*", "--json", "--workdir", workdir.path])
        #expect(TailLog.jsonSequences(json.stdout) == [30, 40, 50])
        // More than there are: all of them; unfiltered, the newest as before.
        #expect(TailLog.sequences(try Eventsdash.run(["tail", "-n", "9", "--event", "QUORUM_*", "--workdir", workdir.path]).stdout) == [10, 20, 30, 40, 50])
        #expect(TailLog.sequences(try Eventsdash.run(["tail", "-n", "2", "--workdir", workdir.path]).stdout) == [12_499, 12_500])
    }

    /// `--match` takes the events pane's filter words: `volume:gv9` is every field that names the
    /// volume (`name=` on VOLUME_*, `volume=` on bricks), with -n counting the matches.
    @Test func matchTakesTheDashboardsFilterWords() throws {
        let workdir = TemporaryDirectory()
        var events: [(UInt64, String)] = []
        for sequence in UInt64(1)...40 {
            let volume = sequence.isMultiple(of: 4) ? "gv9" : "gv1"
            let (name, message) =
                sequence.isMultiple(of: 2)
                ? ("BRICK_DISCONNECTED", #""brick": "/bricks/b\#(sequence)", "peer": "vm", "volume": "\#(volume)""#)
                : ("VOLUME_STOP", #""force": "0", "name": "\#(volume)""#)
            events.append((sequence, TailLog.body(name, ts: 1_764_540_000 + Int64(sequence), message: message)))
        }
        try TailLog.write(workdir.path, segments: [events])
        let gv9 = try Eventsdash.run(["tail", "-n", "100", "--match", "volume:gv9", "--workdir", workdir.path])
        #expect(gv9.status == 0)
        #expect(TailLog.sequences(gv9.stdout) == [4, 8, 12, 16, 20, 24, 28, 32, 36, 40])
        #expect(!gv9.stdout.contains("gv1"))
        let json = try Eventsdash.run(["tail", "-n", "2", "--match", "volume:gv9 event:BRICK_*", "--json", "--workdir", workdir.path])
        #expect(TailLog.jsonSequences(json.stdout) == [36, 40])
        let negated = try Eventsdash.run(["tail", "-n", "100", "--match", "-volume:gv1 -event:BRICK_*", "--workdir", workdir.path])
        #expect(TailLog.sequences(negated.stdout).isEmpty)  // gv9's are all bricks
        let wrong = try Eventsdash.run(["tail", "--match", "sev:fatal", "--workdir", workdir.path])
        #expect(wrong.status != 0 && wrong.stderr.contains("--match:") && wrong.stderr.contains("sev"))
    }

    /// `--since` and `--until` select by the event's own time (the TIMESTAMP column), absolute in
    /// local time or relative to now; -n then counts within them; --json stays NDJSON.
    @Test func selectsByTime() throws {
        let workdir = TemporaryDirectory()
        let now = Int64(Date().timeIntervalSince1970)
        // 2026-11-30 13:59:00, 14:02:00, 14:05:30, 14:10:00, 14:20:00 UTC; then 3 h, 30 min and 5 min ago.
        let times: [Int64] = [1_796_047_140, 1_796_047_320, 1_796_047_530, 1_796_047_800, 1_796_048_400, now - 10_800, now - 1800, now - 300]
        try TailLog.write(workdir.path, segments: [times.enumerated().map { (UInt64($0 + 1), TailLog.body("VOLUME_START", ts: $1, message: #""name": "gv\#($0 + 1)""#)) }])
        func tail(_ arguments: String...) throws -> Eventsdash.Result {
            try Eventsdash.run(["tail"] + arguments + ["--workdir", workdir.path], environment: ["TZ": "UTC"])
        }
        #expect(TailLog.sequences(try tail("--since", "2026-11-30T14:02", "--until", "2026-11-30 14:10").stdout) == [2, 3, 4])
        #expect(TailLog.sequences(try tail("--since", "2026-11-30T14:02:00", "--until", "2026-11-30T14:10", "-n", "2").stdout) == [3, 4])
        #expect(TailLog.sequences(try tail("--since", "2026-11-30", "--until", "2026-12-01").stdout) == [1, 2, 3, 4, 5])
        #expect(TailLog.sequences(try tail("--since", "1h").stdout) == [7, 8])
        #expect(TailLog.sequences(try tail("--since", "2h", "--until", "-10m").stdout) == [7])
        #expect(TailLog.sequences(try tail("--until", "2026-11-30T14:05").stdout) == [1, 2])
        #expect(TailLog.sequences(try tail("--since", "99999999999d", "-n", "2").stdout) == [7, 8])
        #expect(TailLog.jsonSequences(try tail("--since", "2026-11-30T14:02", "--until", "2026-11-30T14:10", "-n", "2", "--json").stdout) == [3, 4])
        #expect(TailLog.jsonSequences(try tail("--since", "1h", "--json").stdout) == [7, 8])

        for (arguments, complaint) in [
            (["--since", "5x"], "--since: '5x' is not a time: say 10m, 2h, 3d"),
            (["--until", "2026-02-30"], "--until: '2026-02-30' is not a date"),
            (["--since", "1h", "--until", "2h"], "--since is after --until"),
            (["--follow", "--until", "1m"], "--until ends the output"),
            (["--lines=-1"], "-n must be 0 or more"),
        ] {
            let refused = try Eventsdash.run(["tail"] + arguments + ["--workdir", workdir.path])
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(complaint), "\(refused.stderr)")
        }
        #expect(try tail("--since", "nonsense").stderr.contains("2026-11-30T14:02[:05], 14:02 (today), today 14:02, yesterday 18:00"))
    }

    /// `redeliver` takes sequence numbers and said `tail` shows them, which it did not: now its
    /// first column, SEQ. Event names longer than the column (a newer gluster's, over HTTP) and
    /// long node ids are cut with `…`; every column stays where the header puts it.
    @Test func showsSequenceNumbersInAlignedColumns() throws {
        let workdir = TemporaryDirectory()
        let longName = String(repeating: "NEWER_GLUSTER_", count: 4) + "EVENT"
        let longNode = String(repeating: "n", count: 64)
        let node = "0b5c7f1a-1d6e-4c52-9a7e-2f1c2d3e4f50"
        try TailLog.write(workdir.path, segments: [[
            (998, TailLog.body("VOLUME_START", ts: 1_764_540_000, message: #""name": "gv0""#, node: node)),
            (999, TailLog.body("SNAPSHOT_SCHEDULER_SCHEDULE_DELETE_FAILED", ts: 1_764_540_001, message: #""name": "s1""#, node: node)),
            (1000, TailLog.body(longName, ts: 1_764_540_002, message: #""name": "gv0""#, node: node)),
            (1001, TailLog.body("PEER_CONNECT", ts: 1_764_540_003, message: #""host": "h1""#, node: longNode)),
        ]])
        let lines = try Eventsdash.run(["tail", "--workdir", workdir.path]).stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 6)
        #expect(lines[0].hasPrefix(" SEQ TIMESTAMP "))
        let header = lines[0]
        let columns = ["TIMESTAMP", "EVENT", "NODE ID", "MESSAGE"].map { header.firstRange(of: $0)!.lowerBound.utf16Offset(in: header) }
        #expect(lines[1].split(separator: " ").map(\.count) == [4, 20, 41, 36, 20])
        for line in lines.dropFirst(2) {
            let characters = Array(line)
            for column in columns { #expect(characters[column - 1] == " " && characters[column] != " ", "\(line)") }
        }
        #expect(lines[2].hasPrefix(" 998 ") && lines[5].hasPrefix("1001 "))
        #expect(lines[3].contains(" SNAPSHOT_SCHEDULER_SCHEDULE_DELETE_FAILED \(node) name=s1"))
        #expect(lines[4].contains(" NEWER_GLUSTER_NEWER_GLUSTER_NEWER_GLUSTE… \(node) name=gv0"))
        #expect(lines[5].contains(" PEER_CONNECT" + String(repeating: " ", count: 30) + String(repeating: "n", count: 35) + "… host=h1"))
        // And redeliver points to it.
        let help = try Eventsdash.run(["redeliver", "--help"]).stdout
        #expect(help.contains("SEQ column"))
        #expect(help.contains("'eventsdash tail'"))
    }
}

/// A durable log written as the engine writes it, for `tail` to read.
enum TailLog {
    static func body(_ name: String, ts: Int64, message: String, node: String = "n1") -> String {
        #"{"event": "\#(name)", "message": {\#(message)}, "nodeid": "\#(node)", "ts": \#(ts)}"#
    }

    /// Each segment's events as `<seq>\t<received-ms>\t<source>\t<body>` lines.
    static func write(_ workdir: String, segments: [[(UInt64, String)]]) throws {
        let directory = workdir + "/log"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for events in segments {
            guard let first = events.first?.0 else { continue }
            let text = events.map { "\($0.0)\t1764540000000\t127.0.0.1:1\t\($0.1)\n" }.joined()
            let name = String(format: "events-%020d.log", first)
            #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8)))
        }
    }

    /// The SEQ column of `tail`'s lines (its header left out).
    static func sequences(_ output: String) -> [UInt64] {
        output.split(separator: "\n").dropFirst(2).compactMap { UInt64($0.split(separator: " ").first ?? "") }
    }

    /// `tail --json`: each line one JSON object; their `sequence`s.
    static func jsonSequences(_ output: String) -> [UInt64] {
        output.split(separator: "\n").map {
            let object = (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            return (object?["sequence"] as? NSNumber)?.uint64Value ?? 0
        }
    }
}


/// Runs a program to its end and reads the most memory it held. Through a small Python parent:
/// a child spawned by the test runner itself would be charged the runner's own peak, which Linux
/// keeps across exec.
enum PeakMemory {
    private static let script = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            os.dup2(os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
            os.execv(sys.argv[2], sys.argv[2:])
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
        """

    static func run(_ path: String, _ arguments: [String], stdout: String) -> (status: Int32, peakKilobytes: Int)? {
        guard let result = try? Command.run("/usr/bin/env", ["python3", "-c", script, stdout, path] + arguments) else { return nil }
        let figures = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard figures.count == 2 else { return nil }
        return (Int32(figures[0]), figures[1])
    }
}
