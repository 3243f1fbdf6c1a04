import Foundation
import Testing
import TestSupport

/// The dashboard in a real terminal (tmux), fed by `eventsdash send`.
@Suite struct DashboardEndToEndTests {
    @Test func showsLiveEventsColouredAndQuitsCleanly() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        // The test runner sets NO_COLOR; this test is about colours.
        let tmux = try Tmux(
            command: "env -u NO_COLOR \(Eventsdash.binary) --workdir \(workdir.path) --port \(port) --listen 127.0.0.1")
        let waiting = "waiting for events — try: eventsdash send --port \(port) VOLUME_CREATE name=test  (UDP 127.0.0.1:\(port))"
        let empty = try tmux.waitForScreen { $0.contains("eventsdash  UDP 127.0.0.1:\(port)") && $0.contains(waiting) }
        #expect(empty.contains(waiting), "\(empty)")

        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_CREATE", "name=gv0", "type=Replicate"])
        try Eventsdash.run(["send", "--port", "\(port)", "BRICK_DISCONNECTED", "brick=h:/b1", "note=esc\u{1B}[2Jgone"])
        // Both rows drawn (a capture can catch a frame half drawn): every check below is in the condition.
        let screen = try tmux.waitForScreen {
            $0.contains("BRICK_DISCONNECTED") && $0.contains("received 2") && $0.contains("VOLUME_CREATE")
                && $0.contains("name=gv0 type=Replicate") && $0.contains(#"note=esc\x1b[2Jgone"#)
        }
        #expect(screen.contains("VOLUME_CREATE"), "\(screen)")
        #expect(screen.contains("name=gv0 type=Replicate"), "\(screen)")
        // An escape sequence inside a field is shown escaped, never run by the terminal.
        #expect(screen.contains(#"note=esc\x1b[2Jgone"#), "\(screen)")
        let coloured = try tmux.capture(escapes: true)
        let disconnectLine = try #require(coloured.split(separator: "\n").first { $0.contains("BRICK_DISCONNECTED") })
        #expect(disconnectLine.contains("\u{1B}[31m"))  // problems in red

        try tmux.send("q")
        let after = try tmux.waitForScreen { $0.contains("EXITED") }
        #expect(after.contains("EXITED 0"))
        #expect(!after.contains("BRICK_DISCONNECTED"))  // the terminal's own screen is back
    }

    /// Scrolling up pauses; new events never move a paused view; End follows again.
    @Test func scrollingPausesAndEndFollows() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        // 26 rows leave 11 event rows.
        let tmux = try Tmux(
            command: "\(Eventsdash.binary) --workdir \(workdir.path) --port \(port) --listen 127.0.0.1", rows: 26)
        try tmux.waitForScreen { $0.contains("eventsdash  UDP") }
        for n in 1...20 { try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_START", "n=\(n)"]) }
        let newest = try tmux.waitForScreen { $0.contains("n=20") && $0.contains("n=10\n") && !$0.contains("n=9\n") }
        #expect(newest.contains("n=10\n") && !newest.contains("n=9\n"), "\(newest)")  // lines end where the text does

        try tmux.send("PageUp")  // a page up: n=1 … n=11 in view
        // (a capture may catch a frame half drawn: wait for the whole of it)
        let paused = try tmux.waitForScreen { $0.contains("PAUSED") && $0.contains("n=1\n") && !$0.contains("n=20") }
        #expect(paused.contains("n=1\n"), "\(paused)")
        #expect(!paused.contains("n=20"), "\(paused)")
        for n in 21...23 { try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_START", "n=\(n)"]) }
        let still = try tmux.waitForScreen { $0.contains("received 23") && $0.contains("n=1\n") && !$0.contains("n=23") }
        #expect(still.contains("n=1\n"), "\(still)")
        #expect(!still.contains("n=23"), "\(still)")

        try tmux.send("End")
        let following = try tmux.waitForScreen { $0.contains("n=23") && $0.contains("events: following") && !$0.contains("n=1\n") }
        #expect(following.contains("events: following"), "\(following)")
        #expect(!following.contains("n=1\n"), "\(following)")
        try tmux.send("q")
    }

    @Test func helpOpensWithQuestionMarkAndClosesWithAnyKey() throws {
        let workdir = TemporaryDirectory()
        let tmux = try Tmux(command: "\(Eventsdash.binary) --workdir \(workdir.path) --port \(freePort()) --listen 127.0.0.1")
        try tmux.waitForScreen { $0.contains("eventsdash  UDP") }
        try tmux.send("?")
        let help = try tmux.waitForScreen {
            $0.contains("eventsdash — keys") && $0.contains("Any key closes this help.") && $0.contains("Space         pause or follow")
        }
        #expect(help.contains("Space         pause or follow"), "\(help)")
        try tmux.send("Escape")
        let closed = try tmux.waitForScreen { !$0.contains("eventsdash — keys") && $0.contains("eventsdash  UDP") }
        #expect(closed.contains("eventsdash  UDP"), "\(closed)")
        try tmux.send("F1")
        try tmux.waitForScreen { $0.contains("eventsdash — keys") }
        try tmux.send("q")
        #expect(try tmux.waitForScreen { $0.contains("EXITED") }.contains("EXITED 0"))
    }

    @Test func anAddressThatCannotBeBoundIsShownInTheHeader() throws {
        let workdir = TemporaryDirectory()
        let tmux = try Tmux(
            command: "\(Eventsdash.binary) --workdir \(workdir.path) --port \(freePort()) --listen 127.0.0.1 --listen 192.0.2.1",
            columns: 160)
        let screen = try tmux.waitForScreen { $0.contains("not listening: 192.0.2.1") }
        #expect(screen.contains("not listening: 192.0.2.1"))
        try tmux.send("q")
    }

    @Test func noColorMeansNoColours() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        let tmux = try Tmux(
            command: "NO_COLOR=1 \(Eventsdash.binary) --workdir \(workdir.path) --port \(port) --listen 127.0.0.1")
        try tmux.waitForScreen { $0.contains("eventsdash  UDP") }
        try Eventsdash.run(["send", "--port", "\(port)", "BRICK_DISCONNECTED", "brick=h:/b1"])
        try tmux.waitForScreen { $0.contains("BRICK_DISCONNECTED") }
        let coloured = try tmux.capture(escapes: true)
        for colour in ["31", "32", "33", "36", "46"] { #expect(!coloured.contains("\u{1B}[\(colour)m")) }
        #expect(coloured.contains("\u{1B}[1m"))  // emphasis by bold instead
        try tmux.send("q")
    }

    @Test func saysHowSmallIsTooSmallAndRecoversOnResize() throws {
        let workdir = TemporaryDirectory()
        let tmux = try Tmux(
            command: "\(Eventsdash.binary) --workdir \(workdir.path) --port \(freePort()) --listen 127.0.0.1", columns: 30,
            rows: 5)
        try tmux.waitForScreen { $0.contains("too small") }
        try tmux.resize(columns: 100, rows: 20)
        try tmux.waitForScreen { $0.contains("eventsdash  UDP") }
        try tmux.send("q")
        #expect(try tmux.waitForScreen { $0.contains("EXITED") }.contains("EXITED 0"))
    }

    /// How a dashboard can end other than by q.
    enum Ending: String, CaseIterable, Sendable {
        case sigterm, sigint, sighup, ctrlC, crash
    }

    /// The terminal's settings (`stty -a`) are the same after the dashboard as before it, however
    /// it ends, and the shell's screen is back.
    @Test(arguments: Ending.allCases)
    func everyEndingRestoresTheTerminalSettings(ending: Ending) throws {
        let workdir = TemporaryDirectory()
        let before = workdir.path + "/stty-before", after = workdir.path + "/stty-after"
        let tmux = try Tmux(
            command: "stty -a > \(before); SWIFT_BACKTRACE=enable=no \(Eventsdash.binary) --workdir \(workdir.path)"
                + " --port \(freePort()) --listen 127.0.0.1; status=$?; stty -a > \(after); (exit $status)")
        try tmux.waitForScreen { $0.contains("eventsdash  UDP") }
        let pid = try #require(waitForLockHolder(workdir))
        switch ending {
        case .sigterm: kill(pid, SIGTERM)
        case .sigint: kill(pid, SIGINT)
        case .sighup: kill(pid, SIGHUP)
        case .ctrlC: try tmux.send("C-c")
        case .crash: kill(pid, SIGSEGV)
        }
        let screen = try tmux.waitForScreen { $0.contains("EXITED") }
        #expect(screen.contains(ending == .crash ? "EXITED 139" : "EXITED 0"))
        #expect(!screen.contains("eventsdash  UDP"))
        let settings = (try? String(contentsOfFile: before, encoding: .utf8)) ?? "none"
        #expect(settings.contains("speed"))
        #expect(settings == (try? String(contentsOfFile: after, encoding: .utf8)))
    }

    @Test func withoutATerminalItPointsToServeAndTail() throws {
        let result = try Eventsdash.run(["--workdir", TemporaryDirectory().path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the dashboard needs a terminal"))
        #expect(result.stderr.contains("eventsdash serve"))
    }

    @Test func aTakenPortIsExplainedBeforeTheScreenIsTaken() throws {
        let holder = try ServeProcess(workdir: TemporaryDirectory().path, port: freePort(), listen: ["127.0.0.1"])
        defer { holder.stop() }
        let tmux = try Tmux(command: "\(Eventsdash.binary) --workdir \(TemporaryDirectory().path) --port \(holder.port) --listen 127.0.0.1")
        let screen = try tmux.waitForScreen { $0.contains("EXITED") }
        #expect(screen.contains("UDP port \(holder.port) is in use by eventsdash (pid \(holder.pid))"))
        #expect(screen.contains("EXITED 1"))
    }

    private func waitForLockHolder(_ workdir: TemporaryDirectory) -> Int32? {
        var pid: Int32?
        _ = waitFor(timeout: 5) {
            pid = workdir.read("engine.lock").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return pid != nil
        }
        return pid
    }
}
