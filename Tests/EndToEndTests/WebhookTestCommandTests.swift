import Foundation
import Testing
import TestSupport

@Suite struct WebhookTestCommandTests {
    let workdir = TemporaryDirectory()

    @Test func okWithStatusAndLatencyAndAWellFormedTestEvent() throws {
        let hook = try RecordingWebhookServer()
        defer { hook.shutdown() }
        let result = try Eventsdash.run(["webhook-test", hook.url, "-t", "tok", "--workdir", workdir.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("| localhost |          UP | OK: HTTP 200 in "))
        let request = try #require(hook.requests.first)
        #expect(request.header("Authorization") == "Bearer tok")
        let body = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as! [String: Any]
        #expect(body["event"] as? String == "TEST")
        #expect(body["message"] as? [String: Any] != nil)
        #expect(body["ts"] as? Int != nil)
    }

    /// libcurl's proxy variables still count (eventsdash turns the lookup off only when none is set).
    @Test func aProxyInTheEnvironmentCarriesTheRequest() throws {
        let proxy = try RecordingWebhookServer()
        defer { proxy.shutdown() }
        let result = try Eventsdash.run(
            ["webhook-test", "http://webhook.invalid/listen", "--workdir", workdir.path],
            environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(proxy.requests.first?.uri == "http://webhook.invalid/listen")
    }

    @Test func usesARegisteredWebhooksSecretWhenNoneIsGiven() throws {
        let hook = try RecordingWebhookServer()
        defer { hook.shutdown() }
        try Eventsdash.run(["webhook-add", hook.url, "-s", "k9", "--workdir", workdir.path])
        #expect(try Eventsdash.run(["webhook-test", hook.url, "--workdir", workdir.path]).status == 0)
        let auth = try #require(hook.requests.first?.header("Authorization"))
        #expect(try verifyJWT(String(auth.dropFirst(7)), secret: "k9", subject: "TEST"))
    }

    @Test func notOKWithTheHTTPStatus() throws {
        let hook = try RecordingWebhookServer(status: 415)
        defer { hook.shutdown() }
        let result = try Eventsdash.run(["webhook-test", hook.url, "--workdir", workdir.path])
        #expect(result.status == 3)
        #expect(result.stdout.contains("NOT OK: HTTP 415 after "))
        let json = try Eventsdash.run(["webhook-test", hook.url, "--json", "--workdir", workdir.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let row = (object["output"] as! [[String: Any]])[0]
        #expect(row["webhook_status"] as? String == "NOT OK")
        #expect(row["http_status"] as? Int == 415)
        #expect(row["node"] as? String == "localhost")
        #expect(object["error"] as? String == "")
    }

    @Test func notOKWithTheConnectionError() throws {
        let port = freePort()  // a UDP port number; nothing listens on it over TCP
        let result = try Eventsdash.run(["webhook-test", "http://127.0.0.1:\(port)/listen", "--workdir", workdir.path])
        #expect(result.status == 3)
        #expect(result.stdout.contains("NOT OK: "))
        #expect(result.stdout.lowercased().contains("connect"))
        // The time is told once, ours: libcurl's "after 0 ms" left out ("… after 0 ms: … after 0.2 ms").
        #expect(result.stdout.components(separatedBy: " after ").count == 2, "\(result.stdout)")
        #expect(result.stdout.contains(try Regex(#"to server after (< 0\.1|\d+(\.\d)?) ms \|"#)), "\(result.stdout)")
    }

    /// Durations read as people write them, not all in milliseconds: `1.2 s`, not `1203.4 ms`.
    @Test func aSlowAnswerIsTimedInSeconds() throws {
        let hook = try RecordingWebhookServer()
        defer { hook.shutdown() }
        hook.behave(.delay(1.2))
        let result = try Eventsdash.run(["webhook-test", hook.url, "--workdir", workdir.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains(try Regex(#"OK: HTTP 200 in 1\.\d s \|"#)), "\(result.stdout)")
    }
}

/// The command line's side of triage: `status` says when the next retry is and what the webhook
/// answered; a `webhook-test` that gets through ends the backoff of the engine running beside it.
@Suite struct WebhookTriageCommandTests {
    let workdir = TemporaryDirectory()

    @Test func statusTellsTheNextRetryAndAnswerAndWebhookTestRetriesNow() throws {
        let hook = try RecordingWebhookServer()
        defer { hook.shutdown() }
        hook.behave(.answer(status: 503, body: "upstream busy"))
        try Eventsdash.run(["webhook-add", hook.url, "--workdir", workdir.path])
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--retry-first-delay", "300", "--retry-max-delay", "600"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_CREATE", "name=gv0"])
        hook.waitForRequests(1)
        var status = ""
        #expect(waitFor(timeout: 10) {
            status = (try? Eventsdash.run(["status", "--workdir", workdir.path]).stdout) ?? ""
            return status.contains("next retry")
        })
        #expect(status.contains("retrying 1") && status.contains("(eventsdash webhook-test to retry now)"))
        #expect(status.contains("    it answered: upstream busy"))

        hook.behave(.answer(status: 200))
        #expect(try Eventsdash.run(["webhook-test", hook.url, "--workdir", workdir.path]).status == 0)
        // The event again, minutes before its backoff would have let it go.
        #expect(waitFor(timeout: 10) { hook.requests.filter { $0.body.contains("gv0") }.count == 2 })
    }
}
