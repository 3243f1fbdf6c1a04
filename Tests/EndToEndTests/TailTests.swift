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
        #expect(lines.first.map { String(decoding: $0.suffix(60), as: UTF8.self).contains(#""name": "gv1""#) } == true)
        #expect(lines.last.map { String(decoding: $0.suffix(60), as: UTF8.self).contains(#""name": "gv200""#) } == true)
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
