import EventLog
import Foundation
import GlusterEvents
import GlusterHost
import Testing
import TestSupport
import WebhookDelivery

@testable import EventsEngine

/// The engine itself, in this process with real sockets and libcurl, telling the operator log what
/// changed: at start-up, an address it cannot listen on; never a webhook's token or secret.
@Suite struct EngineLoggingTests {
    let workdir = TemporaryDirectory()

    private func options(listen: [String] = ["127.0.0.1"]) -> Engine.Options {
        var options = Engine.Options(
            layout: StateLayout.resolve(workdir: workdir.path), port: freePort(), listen: listen, recentEvents: .none)
        options.housekeepingInterval = 0.05
        options.retryPolicy = RetryPolicy(firstDelaySeconds: 0.01, maxDelaySeconds: 0.02, maxRetrySeconds: 0.1)
        options.connectTimeoutMillis = 500
        return options
    }

    @Test func anAddressThatCannotBeBoundIsToldOnceAtStartUp() throws {
        let log = CapturedLog()
        var options = options(listen: ["127.0.0.1", "192.0.2.1"])  // TEST-NET-1: not this machine's
        options.logger = log.logger
        let engine = try Engine(options: options)
        engine.stop()
        let warnings = log.lines.filter { $0.hasPrefix("warning cannot listen on 192.0.2.1:\(engine.port)") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasSuffix("carrying on without it") == true)
    }

    @Test func aWebhooksTokenAndSecretNeverReachTheLog() throws {
        let (token, secret, badToken) = ("tok-7f3a9c-BEARER", "sec-51b2e8-HMAC", "tok with-space-LEAK")
        let down = "http://127.0.0.1:\(freeTCPPortForLater())"  // nobody listens: every attempt fails
        workdir.write(
            #"{"\#(down)/a": {"token": "\#(token)", "secret": ""}, "\#(down)/b": {"token": "", "secret": "\#(secret)"}, "\#(down)/c": {"token": "\#(badToken)", "secret": ""}}"#,
            to: "webhooks.json")
        workdir.write(#"{"log-level": "DEBUG"}"#, to: "config.json")
        var options = options()
        options.logger = OperatorLog.logger(level: options.logLevel, standardError: false, file: workdir.file("operator.log"))
        let engine = try Engine(options: options)
        for n in 0..<3 { sendRaw("1700000000 2 name=vol\(n)", port: engine.port) }
        let read = { workdir.read("operator.log") ?? "" }
        #expect(waitFor(timeout: 5) { read().components(separatedBy: "events given up").count == 3 })  // a and b
        _ = engine.syncToPeers()
        engine.stop()
        let logged = read()
        #expect(logged.contains("webhook \(down)/a is being retried") && logged.contains("not delivered to (fix or remove)"))
        for file in [logged, workdir.read("given-up.log") ?? "", workdir.read("engine.json") ?? ""] {
            #expect(!file.contains("tok-7f3a9c") && !file.contains("sec-51b2e8") && !file.contains("LEAK"))
        }
    }
}
