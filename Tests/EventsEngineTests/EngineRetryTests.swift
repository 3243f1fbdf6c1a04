import EventLog
import Foundation
import GlusterEvents
import GlusterHost
import Testing
import TestSupport
import WebhookDelivery

@testable import EventsEngine

/// A webhook that failed waits out its backoff, unless someone shows it is back: a test ping that
/// gets through, or a retry-now request (from this process, or another's through the state
/// directory). In this process with real sockets, libcurl and a real HTTP server as the webhook.
@Suite(.serialized) struct EngineRetryTests {
    let workdir = TemporaryDirectory()

    /// An engine whose retries wait ten minutes, delivering to `webhook`.
    private func engine(delivering webhook: RecordingWebhookServer) throws -> Engine {
        workdir.write(#"{"\#(webhook.url)": {"token": "", "secret": ""}}"#, to: "webhooks.json")
        var options = Engine.Options(
            layout: StateLayout.resolve(workdir: workdir.path), port: freePort(), listen: ["127.0.0.1"], recentEvents: .none)
        options.housekeepingInterval = 0.05
        options.retryPolicy = RetryPolicy(firstDelaySeconds: 600, maxDelaySeconds: 600)
        return try Engine(options: options)
    }

    /// The event is sent once, refused with a body that says why, and waits for its retry.
    private func failOnce(_ engine: Engine, _ webhook: RecordingWebhookServer) throws -> WebhookHealth {
        webhook.behave(.answer(status: 503, body: "maintenance until 14:00\n"))
        sendRaw("1700000000 2 name=gv0", port: engine.port)
        #expect(waitFor(timeout: 10) { engine.status().webhooks[webhook.url]?.retrying == 1 })
        webhook.behave(.answer(status: 200))
        return try #require(engine.status().webhooks[webhook.url])
    }

    @Test func aTestPingThatGetsThroughSendsTheWaitingRetriesAtOnce() throws {
        let webhook = try RecordingWebhookServer()
        defer { webhook.shutdown() }
        let engine = try engine(delivering: webhook)
        defer { engine.stop() }
        let failing = try failOnce(engine, webhook)
        #expect(failing.lastResponse == "maintenance until 14:00")  // what the webhook answered, kept
        #expect((failing.nextRetryAt ?? 0) - Date().timeIntervalSince1970 > 200)

        let pinged = DispatchSemaphore(value: 0)
        engine.testPing(engine.webhooks[0]) { _ in pinged.signal() }
        #expect(pinged.wait(timeout: .now() + 10) == .success)
        #expect(waitFor(timeout: 10) { engine.status().webhooks[webhook.url]?.delivered == 1 })
        #expect(webhook.requests.filter { $0.body.contains("gv0") }.count == 2)
    }

    /// A dashboard attached from another process asks through `retry-requests.json`.
    @Test func aRetryRequestFromAnotherProcessIsTakenUp() throws {
        let webhook = try RecordingWebhookServer()
        defer { webhook.shutdown() }
        let engine = try engine(delivering: webhook)
        defer { engine.stop() }
        _ = try failOnce(engine, webhook)
        let attached = try AttachedEngine(layout: engine.layout, pid: nil, recentEvents: .none)
        defer { attached.stop() }
        try attached.retryNow(url: webhook.url)
        #expect(waitFor(timeout: 10) { engine.status().webhooks[webhook.url]?.delivered == 1 })
    }
}
