import Foundation
import Testing
import TestSupport

/// Issue 15 in a real terminal: what a restart keeps, a backlog past 100,000, a narrow terminal.
@Suite(.serialized) struct DashboardRestartTests {
    typealias Dashboard = DashboardInteractionTests.Dashboard

    /// A webhook that refused events: after a restart the dashboard still shows them given up, the
    /// webhook failing (not idle), its figures where they were.
    @Test func aRestartKeepsWebhookFiguresAndState() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 422))
        let workdir = TemporaryDirectory()
        try Eventsdash.run(["webhook-add", "--workdir", workdir.path, server.url])
        let port = freePort()
        let command = "\(Eventsdash.binary) --workdir \(workdir.path) --port \(port) --listen 127.0.0.1"
        let first = try Tmux(command: command)
        try first.waitForScreen { $0.contains("eventsdash  UDP") }
        for n in 1...4 { sendRaw("1700000000 2 name=vol\(n)", port: port) }
        func webhookRow(_ screen: String) -> Substring? { screen.split(separator: "\n").first { $0.contains(":\(server.port)/listen") } }
        // Failing, and all 4 given up (a capture can catch a frame half drawn, or the count still climbing).
        let refused = try first.waitForScreen(timeout: 30) { screen in
            webhookRow(screen).map { $0.contains("failing") && $0.contains(" 4 ") } == true
        }
        let row = try #require(webhookRow(refused), "\(refused)")
        #expect(row.contains("failing") && row.contains(" 4 "), "\(refused)")
        try first.send("q")
        #expect(try first.waitForScreen { $0.contains("EXITED") }.contains("EXITED 0"))
        try first.killServer()

        let second = try Tmux(command: command)
        let again = try second.waitForScreen(timeout: 30) { screen in
            let after = webhookRow(screen)
            return screen.contains("eventsdash  UDP") && after?.contains("failing") == true && after?.contains("idle") == false
                && after?.contains(" 4 ") == true && screen.contains("name=vol4")
        }
        let after = try #require(webhookRow(again), "\(again)")
        #expect(after.contains("failing") && !after.contains("idle"), "\(after)")
        #expect(after.contains(" 4 "), "\(after)")  // given up, as before
        #expect(again.contains("name=vol4"), "\(again)")  // the events back from the log
        try second.send("q")
    }

    /// A backlog past 100,000 shows whole (QUEUE showed `154,59`), and at 80 columns a URL keeps
    /// its host.
    @Test func aLargeBacklogShowsWholeAndANarrowTerminalKeepsTheHost() throws {
        let dashboard = try Dashboard(columns: 200, rows: 40, arguments: "--recent-events 1000")
        let tmux = dashboard.tmux
        let down = "http://alerts.invalid:8443/gluster/events"
        try Eventsdash.run(["webhook-add", "--workdir", dashboard.workdir.path, down])
        try tmux.waitForScreen { $0.contains("alerts.invalid") }
        for batch in 0..<110 {
            for n in 0..<1000 { sendRaw("1700000000 2 name=v\(batch * 1000 + n)", port: dashboard.port) }
            usleep(20_000)  // paced: the socket's buffer takes them all
        }
        // Every event is logged and waiting: the webhook's name cannot be resolved.
        let busy = try tmux.waitForScreen { dashboard.line(containing: "alerts.invalid", in: $0)?.contains(" 110,000") == true }
        let row = try #require(busy.split(separator: "\n").first { $0.contains("alerts.invalid") }, "\(busy)")
        #expect(row.contains(" 110,000"), "\(row)")  // the queue, whole

        try tmux.resize(columns: 80, rows: 30)
        let narrow = try tmux.waitForScreen { screen in
            screen.split(separator: "\n").allSatisfy { $0.count <= 80 }
                && dashboard.line(containing: "alerts.invalid", in: screen)?.contains("alerts.invalid:8443/") == true
        }
        let line = try #require(narrow.split(separator: "\n").first { $0.contains("alerts.invalid") }, "\(narrow)")
        #expect(line.contains("alerts.invalid:8443/"), "\(line)")
        try tmux.send("q")
    }
}

/// Issue 15's smaller defects in a real terminal.
@Suite struct DashboardDefectTests {
    typealias Dashboard = DashboardInteractionTests.Dashboard

    /// A webhook taking only VOLUME_* events queues only those (QUEUE counted every event); deleting
    /// it names them; an unknown key says so; long fields scroll sideways.
    @Test func aFilteredQueueDeletingItUnknownKeysAndSidewaysFields() throws {
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        let down = "http://volumes.invalid:9000/hook"
        try Eventsdash.run(["webhook-add", "--workdir", dashboard.workdir.path, down, "--events", "VOLUME_*"])
        try tmux.waitForScreen { $0.contains("volumes.invalid") }
        for n in 1...30 { sendRaw("1700000000 \(n % 3 == 0 ? 2 : 0) name=vol\(n) note=\(String(repeating: "x", count: 120))end\(n)", port: dashboard.port) }
        // 10 of the 30 are VOLUME_CREATE (type 2); the rest PEER_ATTACH (0), not the webhook's.
        func queueRow(_ screen: String) -> Bool {
            dashboard.line(containing: "volumes.invalid", in: screen).map { $0.contains(" 10 ") && !$0.contains(" 30 ") } == true
        }
        let queued = try tmux.waitForScreen { $0.contains("received 30") && queueRow($0) }
        let row = try #require(queued.split(separator: "\n").first { $0.contains("volumes.invalid") }, "\(queued)")
        #expect(row.contains(" 10 ") && !row.contains(" 30 "), "\(row)")

        try tmux.send("x")
        #expect(try tmux.waitForScreen { $0.contains("unknown key x — ? for help") }.contains("unknown key x"))
        try tmux.send("Right", "Right", "Right", "Right", "Right", "Right")
        let sideways = try tmux.waitForScreen { $0.contains("fields → 120 (← back)") && $0.contains("end30") }
        #expect(sideways.contains("end30"), "\(sideways)")  // the end of the long field, in view now

        try tmux.send("Tab", "d")
        let asked = try tmux.waitForScreen { $0.contains("Delete webhook") && $0.contains("10 events waiting for it will not be sent.") }
        #expect(asked.contains("10 events waiting for it will not be sent."), "\(asked)")
        try tmux.send("n")
        try tmux.send("q")
    }
}

/// `q` with events waiting, `s`: the dashboard hands its workdir to a background `eventsdash
/// serve`, with the HTTP ingest token it read from standard input.
@Suite struct LeaveServeRunningTests {
    @Test func theTokenReachesTheBackgroundServeOutsideItsArguments() throws {
        let workdir = TemporaryDirectory()
        let (port, httpPort) = (freePort(), freeTCPPortForLater())
        try Eventsdash.run(["webhook-add", "--workdir", workdir.path, "http://127.0.0.1:9/refused"])
        let tmux = try Tmux(
            command: "\(Eventsdash.binary) --workdir \(workdir.path) --port \(port) --listen 127.0.0.1 --listen-http \(httpPort) --http-token -")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.send("-l", "s3cret-token")
        try tmux.send("Enter")
        try tmux.waitForScreen(timeout: 20) { $0.contains("eventsdash  UDP") }
        sendRaw("1700000000 2 name=vol1", port: port)
        try tmux.waitForScreen(timeout: 20) { $0.contains("127.0.0.1:9/refused") && $0.contains("failing") }
        try tmux.send("q")
        try tmux.waitForScreen { $0.contains("s: quit, leave eventsdash serve delivering") }
        try tmux.send("s")
        let said = try tmux.waitForScreen(timeout: 40) { $0.contains("delivers the waiting events") || $0.contains("did not start") }
        let pid = try #require(said.firstMatch(of: /eventsdash serve \(pid (\d+)\) delivers/).flatMap { Int32($0.1) }, "\(said)")
        defer { kill(pid, SIGTERM) }
        let arguments = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
        #expect(arguments.contains("--listen-http") && !arguments.contains("s3cret") && !arguments.contains("--http-token"), "\(arguments)")
        let url = "http://127.0.0.1:\(httpPort)/listen"
        let body = #"{"event":"VOLUME_START","message":{"name":"gv0"},"nodeid":"n","ts":1700000000}"#
        // serve holds the workdir a moment before its HTTP listener is up (longer on a busy machine)
        var refused: Int?
        #expect(waitFor(timeout: 20) {
            refused = httpRequest("POST", url, body: body, headers: ["Authorization": "Bearer wrong"])?.status
            return refused != nil
        })
        #expect(refused == 401)
        #expect(httpRequest("POST", url, body: body, headers: ["Authorization": "Bearer s3cret-token"])?.status == 200)
    }
}
