import Foundation
import Testing
import TestSupport

/// Issue 17: a webhook's own timeout and retry bounds, set with webhook-add/-mod, override the
/// engine's for it alone.
@Suite struct PerWebhookDeliveryTests {
    @Test func aSlowWebhooksOwnTimeoutCutsItsRequestsShortAndStatusSaysSo() throws {
        let workdir = TemporaryDirectory()
        let slow = try RecordingWebhookServer()
        defer { slow.shutdown() }
        slow.behave(.delay(4))
        let added = try Eventsdash.run(
            ["webhook-add", slow.url, "--timeout", "1", "--retry-max-delay", "2", "--give-up-after", "600", "--workdir", workdir.path])
        #expect(added.status == 0, "\(added.stderr)")
        let status = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(status.contains("(timeout 1 s; retries at least every 2 s; gives up after 10 min)"), "\(status)")
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])  // its --timeout: 10 s
        defer { serve.stop() }
        let sent = Date()
        sendRaw("1700000000 2 name=gv0", port: serve.port)
        var health: [String: Any] = [:]
        #expect(waitFor(timeout: 8) {
            health = (serve.engineStatus()?["webhooks"] as? [String: [String: Any]])?[slow.url] ?? [:]
            return (health["failed"] as? Int ?? 0) >= 1
        })
        #expect(Date().timeIntervalSince(sent) < 4, "the first attempt took the engine's timeout, not its own")
        #expect((health["last_error"] as? String)?.contains("timed out") == true, "\(health)")

        // 'default' hands it back to the engine's.
        #expect(try Eventsdash.run(["webhook-mod", slow.url, "--timeout", "default", "--workdir", workdir.path]).status == 0)
        let webhooks = try String(contentsOfFile: workdir.path + "/webhooks.json", encoding: .utf8)
        #expect(!webhooks.contains("\"timeout\"") && webhooks.contains("\"give_up_after\": 600"), "\(webhooks)")
        let refused = try Eventsdash.run(["webhook-mod", slow.url, "--timeout", "0", "--workdir", workdir.path])
        #expect(refused.status != 0 && refused.stderr.contains("--timeout must be 'default' or 0.1 to 86400.0 seconds"), "\(refused.stderr)")
    }
}
