import Foundation
import GlusterEvents
import GlusterHost
import Testing

@Suite struct ChildProcessTests {
    @Test func collectsOutputAndErrorAndTheExitStatus() {
        let result = ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result?.status == 3 && result?.output == "out\nerr\n")
        #expect(ChildProcess.run("/bin/sh", ["-c", "kill -TERM $$"])?.status == 128 + SIGTERM)
        #expect(ChildProcess.run("/nonexistent/program", []) == nil)
    }

    /// The test runner blocks signals, as eventsdash's own threads do: a child must not inherit that.
    @Test func theChildStartsWithNoSignalBlockedAndReadsNothing() throws {
        let result = try #require(ChildProcess.run("/bin/sh", ["-c", "grep '^SigBlk' /proc/self/status; cat; echo end"]))
        #expect(result.output == "SigBlk:\t0000000000000000\nend\n")
    }
}
