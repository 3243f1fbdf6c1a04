import Foundation
import Testing
import TestSupport

/// `serve` tells an operator (standard error: the journal under systemd) what changed, once, at
/// config `log-level`, which applies while it runs.
@Suite struct OperatorLogTests {
    private func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    @Test func aFailingWebhookIsToldOnceAndLogLevelAppliesLive() throws {
        let workdir = TemporaryDirectory()
        let down = "http://127.0.0.1:\(freeTCPPortForLater())/listen"  // nobody listens
        try Eventsdash.run(["webhook-add", down, "--workdir", workdir.path])
        let stderr = workdir.path + "/serve.stderr"
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--retry-first-delay", "0.1", "--retry-max-delay", "0.2", "--log-file", workdir.file("gluster-events.log")],
            stderrPath: stderr)
        defer { serve.stop() }
        for n in 0..<20 { sendRaw("1700000000 2 name=vol\(n)", port: serve.port) }
        #expect(waitFor(timeout: 10) { read(stderr).contains("webhook \(down) is being retried") })
        Thread.sleep(forTimeInterval: 1.5)
        let atInfo = read(stderr)
        #expect(atInfo.components(separatedBy: "is being retried").count == 2)  // once, not per event or retry
        #expect(!atInfo.contains("debug"))
        // The same, glustereventsd's way, in the file it logs to (the default when sharing glusterd's files).
        #expect(read(workdir.file("gluster-events.log")).contains("] WARNING [eventsdash] - webhook \(down) is being retried"))

        try Eventsdash.run(["config-set", "log-level", "DEBUG", "--workdir", workdir.path])
        #expect(waitFor(timeout: 3) { read(stderr).contains("log-level is now DEBUG") })
        sendRaw("1700000000 2 name=after", port: serve.port)
        #expect(waitFor(timeout: 3) { read(stderr).contains("debug eventsdash: [EventsEngine] events: received 21") })
    }

    /// Under systemd standard error is the journal's stream, named by `$JOURNAL_STREAM`: each line
    /// then starts with its syslog priority (`journalctl -p warning` picks it out) and no time.
    @Test func underSystemdEachLineCarriesItsPriorityForTheJournal() throws {
        let workdir = TemporaryDirectory()
        let stderr = workdir.path + "/serve.stderr"
        // As systemd does: the variable names the device and inode of the stream on fd 2.
        let asUnderSystemd = ["/bin/sh", "-c", #"JOURNAL_STREAM="$(stat -L -c %d:%i /proc/self/fd/2)" exec "$0" "$@""#]
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], launcher: asUnderSystemd, stderrPath: stderr)
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(serve.port)", "BRICK_DISCONNECTED", "peer=node1", "volume=gv0", "brick=/b1"])
        #expect(waitFor(timeout: 10) { read(stderr).contains("<4>health: brick down: node1:/b1 (gv0)\n") }, "\(read(stderr))")
        #expect(!read(stderr).contains("warning eventsdash:"))  // not the terminal's format, with its time
    }
}
