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

    /// A child that hangs (glusterd half there) is killed at its deadline, with what it printed;
    /// one that ends in time is not touched.
    @Test func aChildPastItsDeadlineIsKilled() throws {
        let hung = try #require(ChildProcess.run("/bin/sh", ["-c", "echo started; exec sleep 600"], timeout: 0.5))
        #expect(hung.timedOut && hung.status == 128 + SIGKILL && hung.output == "started\n")
        let quick = try #require(ChildProcess.run("/bin/sh", ["-c", "echo done"], timeout: 60))
        #expect(!quick.timedOut && quick.status == 0 && quick.output == "done\n")
    }

    /// The test runner blocks signals, as eventsdash's own threads do: a child must not inherit that.
    @Test func theChildStartsWithNoSignalBlockedAndReadsNothing() throws {
        let result = try #require(ChildProcess.run("/bin/sh", ["-c", "grep '^SigBlk' /proc/self/status; cat; echo end"]))
        #expect(result.output == "SigBlk:\t0000000000000000\nend\n")
    }
}
