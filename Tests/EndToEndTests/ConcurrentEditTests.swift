import Foundation
import Testing
import TestSupport

/// eventsdash processes and a writer following gluster-eventsapi's own locking protocol (Python,
/// flock + same-file check + .tmp + rename) all editing webhooks.json at once: nothing is lost.
@Suite struct ConcurrentEditTests {
    @Test func twoEventsdashProcessesAndAGlusterStyleWriterLoseNothing() throws {
        let workdir = TemporaryDirectory()
        let perWriter = 25
        let script = """
            import fcntl, json, os, sys
            path = sys.argv[1]
            for i in range(\(perWriter)):
                f = open(path, "a+")
                while True:
                    fcntl.flock(f, fcntl.LOCK_EX)
                    g = open(path, "a+")
                    if os.path.sameopenfile(f.fileno(), g.fileno()):
                        g.close(); break
                    f.close(); f = g
                text = open(path).read().strip() or "{}"
                data = json.loads(text)
                data["http://python/%d" % i] = {"token": "", "secret": ""}
                with open(path + ".tmp", "w") as t:
                    t.write(json.dumps(data))
                os.rename(path + ".tmp", path)
                f.close()
            """
        let writers: [Process] = (0..<3).map { writer in
            let process = Process()
            if writer < 2 {
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = [
                    "-c",
                    "for i in $(seq 1 \(perWriter)); do \"$0\" webhook-add http://ed\(writer)/$i --workdir \"$1\" >/dev/null || exit 1; done",
                    Eventsdash.binary, workdir.path,
                ]
            } else {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3", "-c", script, workdir.path + "/webhooks.json"]
            }
            return process
        }
        for writer in writers { try writer.run() }
        for writer in writers { writer.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationStatus == 0 })
        let file = try #require(workdir.json("webhooks.json"))
        #expect(file.count == 3 * perWriter)
        #expect(file.values.allSatisfy { ($0 as? [String: String])?.keys.sorted() == ["secret", "token"] })
    }
}
