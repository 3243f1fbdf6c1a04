import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// With an engine already running on the workdir (the service), `eventsdash` opens the dashboard
/// attached to it: its events, its webhooks' health, changes made through it; quitting or hanging
/// up leaves the engine running.
@Suite struct AttachTests {
    @Test func theDashboardAttachesToARunningEngineAndLeavesItRunning() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_CREATE", "name=beforeattach"])

        let tmux = try Tmux(command: "\(Eventsdash.binary) --workdir \(workdir.path)", rows: 30)
        let attached = try tmux.waitForScreen {
            $0.contains("attached to pid \(serve.pid)") && $0.contains("name=beforeattach") && $0.contains("UDP 127.0.0.1:\(serve.port)")
        }
        #expect(attached.contains("UDP 127.0.0.1:\(serve.port)"), "\(attached)")
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_START", "name=whileattached"])
        try tmux.waitForScreen { $0.contains("name=whileattached") }

        // A webhook added through the attached dashboard is one the running engine delivers to.
        try tmux.send("Tab", "a")
        try tmux.waitForScreen { $0.contains("Add webhook") }
        try tmux.send("-l", server.url)
        try tmux.send("Enter")  // a URL alone: Enter saves it
        try tmux.waitForScreen { $0.contains("added \(server.url)") }
        #expect(waitFor(timeout: 5) { (serve.engineStatus()?["webhooks"] as? [String: Any])?[server.url] != nil })
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_STOP", "name=afteradd"])
        #expect(server.waitForRequests(1).first?.body.contains("afteradd") == true)
        let healthy = try tmux.waitForScreen { $0.contains("healthy") && $0.contains("HTTP 200") }
        #expect(healthy.contains("HTTP 200"), "\(healthy)")
        try tmux.send("t")  // a test ping from the dashboard itself
        try tmux.waitForScreen { $0.contains(": ping HTTP 200 in ") }
        // An event's detail view: what the engine's saved positions tell of it.
        try tmux.send("BTab", "Enter")
        try tmux.waitForScreen { $0.contains("EVENT #3  VOLUME_STOP") && $0.contains("\(server.url)  delivered") }
        try tmux.send("Escape", "Up", "Enter")
        try tmux.waitForScreen {
            $0.contains("EVENT #2  VOLUME_START") && $0.contains("\(server.url)  not sent (the webhook was added after this event)")
        }
        try tmux.send("Escape")

        try tmux.send("q")
        try tmux.waitForScreen { $0.contains("EXITED 0") }
        #expect(kill(serve.pid, 0) == 0)  // the engine runs on…
        let before = serve.engineStatus()?["received"] as? Int ?? 0
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_STOP", "name=afterquit"])
        #expect(waitFor(timeout: 5) { serve.engineStatus()?["received"] as? Int == before + 1 })

        // …and a dashboard whose terminal goes away (a lost SSH session) leaves it running too.
        let second = try Tmux(command: "\(Eventsdash.binary) --workdir \(workdir.path)", rows: 30)
        try second.waitForScreen { $0.contains("attached to pid \(serve.pid)") }
        try second.killServer()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(kill(serve.pid, 0) == 0)
        #expect(serve.engineStatus()?["running"] as? Bool != false)
    }
}
