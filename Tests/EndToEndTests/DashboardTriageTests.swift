import Foundation
import Testing
import TestSupport

/// Triage in a real terminal: a failing webhook's next retry and answer, R, asking before a
/// redelivery a filter leaves out, and quitting with events waiting.
@Suite(.serialized) struct DashboardTriageTests {
    typealias Dashboard = DashboardInteractionTests.Dashboard

    @Test func aFailingWebhookIsTriagedRetriedNowAndAskedAboutBeforeAFilteredRedelivery() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 503, body: "maintenance window"))
        let dashboard = try Dashboard(arguments: "--retry-first-delay 300 --retry-max-delay 600")
        let tmux = dashboard.tmux
        try Eventsdash.run(["webhook-add", "--workdir", dashboard.workdir.path, server.url, "--events", "VOLUME_*"])
        try tmux.waitForScreen { $0.contains(server.url) }
        try dashboard.send("VOLUME_CREATE", "name=gv0")
        try dashboard.send("BRICK_DISCONNECTED", "brick=h:/b1")
        server.waitForRequests(1)
        try tmux.send("Tab", "Enter")
        let view = try tmux.waitForScreen {
            $0.contains("next retry in") && $0.contains("answered     maintenance window") && $0.contains("retrying 1")
        }
        #expect(view.contains("retrying 1"), "\(view)")
        server.behave(.answer(status: 200))
        try tmux.send("R")
        #expect(try tmux.waitForScreen { $0.contains("retrying 1 event at \(server.url) now") }.contains("now"))
        let delivered = try tmux.waitForScreen { $0.contains("state        healthy") && $0.contains("delivered    1") }
        #expect(delivered.contains("delivered    1"), "\(delivered)")

        // The BRICK_DISCONNECTED event (#2): the webhook takes only VOLUME_* events.
        try tmux.send("Escape", "BTab", "End", "Enter")
        #expect(try tmux.waitForScreen { $0.contains("EVENT #2  BRICK_DISCONNECTED") }.contains("EVENT #2"))
        try tmux.send("r")
        let asked = try tmux.waitForScreen { $0.contains("filter leaves it out.  a: send anyway") }
        #expect(asked.contains("a: send anyway"))
        #expect(server.requests.count == 2)  // nothing sent while asking
        try tmux.send("x")
        let cancelled = try tmux.waitForScreen { $0.contains("not redelivered") && $0.contains("EVENT #2  BRICK_DISCONNECTED") }
        #expect(cancelled.contains("EVENT #2  BRICK_DISCONNECTED"), "\(cancelled)")  // back in the event's view
        #expect(server.requests.count == 2)
        try tmux.send("r")
        #expect(try tmux.waitForScreen { $0.contains("a: send anyway") }.contains("a: send anyway"))
        try tmux.send("a")
        #expect(try tmux.waitForScreen { $0.contains("redelivered #2 to \(server.url): HTTP 200") }.contains("HTTP 200"))
        #expect(server.requests.last?.body.contains("BRICK_DISCONNECTED") == true, "\(server.requests.map(\.body))")
        try tmux.send("q")
        #expect(try tmux.waitForScreen { $0.contains("EXITED") }.contains("EXITED 0"))
    }

    /// q with events waiting says what becomes of them; s leaves `eventsdash serve` delivering
    /// them once the webhook is back.
    @Test func quittingWithEventsWaitingCanLeaveServeDeliveringThem() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 503))
        let dashboard = try Dashboard(arguments: "--retry-max-delay 1 --recent-events 500")
        let tmux = dashboard.tmux
        try Eventsdash.run(["webhook-add", "--workdir", dashboard.workdir.path, server.url])
        try tmux.waitForScreen { $0.contains(server.url) }
        for n in 1...3 { try dashboard.send("VOLUME_START", "n=\(n)") }
        server.waitForRequests(1)
        try tmux.send("q")
        let asked = try tmux.waitForScreen { $0.contains("3 events wait for 1 webhook") && $0.contains("s: quit") }
        #expect(asked.contains("s: quit"), "\(asked)")
        try tmux.send("s")
        let exited = try tmux.waitForScreen { $0.contains("EXITED") }
        #expect(exited.contains("EXITED 0"))
        #expect(exited.contains("eventsdash serve (pid"))
        let pid = try #require(exited.split(separator: "(pid ").last?.split(separator: ")").first.flatMap { Int32($0) })
        defer { kill(pid, SIGTERM) }
        #expect(kill(pid, 0) == 0)  // running on its own
        server.behave(.answer(status: 200))
        #expect(waitFor(timeout: 15) { server.distinctEvents.count == 3 })
        let log = dashboard.workdir.read("serve.log") ?? ""
        #expect(!log.contains("--recent-events"))  // the dashboard's own options are not passed on
        kill(pid, SIGTERM)
        #expect(waitFor(timeout: 10) { kill(pid, 0) != 0 })
    }
}
