import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Delivery against real HTTP servers that misbehave: every event arrives (counted by distinct
/// `webhook-id`; duplicates counted apart), and a healthy second webhook is never held up.
@Suite struct DeliveryReliabilityTests {
    /// Short retries so the tests take seconds, not minutes.
    static let fastRetries = ["--retry-first-delay", "0.2", "--retry-max-delay", "1"]

    /// VOLUME_STOP datagrams (type 4), name=gv<n>.
    private func sendEvents(_ count: Int = 20, port: Int, from first: Int = 0) {
        for n in first..<(first + count) { sendRaw("\(Int(Date().timeIntervalSince1970)) 4 name=gv\(n)", port: port) }
    }

    private func webhookHealth(_ serve: ServeProcess, _ url: String) -> [String: Any] {
        (serve.engineStatus()?["webhooks"] as? [String: [String: Any]])?[url] ?? [:]
    }

    @Test func anEndpointThatWasDownGetsEveryEventOnceItIsBack() throws {
        let workdir = TemporaryDirectory()
        let healthy = try RecordingWebhookServer()
        defer { healthy.shutdown() }
        let laterPort = freeTCPPortForLater()
        let laterURL = "http://127.0.0.1:\(laterPort)/listen"
        try Eventsdash.run(["webhook-add", laterURL, "--workdir", workdir.path])
        try Eventsdash.run(["webhook-add", healthy.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: Self.fastRetries)
        defer { serve.stop() }
        sendEvents(port: port)
        #expect(healthy.waitForRequests(20).count == 20)  // not held up by the one that is down
        #expect(waitFor(timeout: 5) { self.webhookHealth(serve, laterURL)["state"] as? String == "retrying" })
        #expect(webhookHealth(serve, laterURL)["backlog"] as? Int == 20)

        let later = try RecordingWebhookServer(port: laterPort)
        defer { later.shutdown() }
        #expect(waitFor(timeout: 10) { later.distinctEvents.count == 20 })
        #expect(later.distinctEvents.duplicates == 0)
        #expect(waitFor(timeout: 5) { self.webhookHealth(serve, laterURL)["state"] as? String == "healthy" })
        #expect(webhookHealth(serve, laterURL)["backlog"] as? Int == 0)
        #expect(healthy.distinctEvents == (20, 0))
    }

    /// `--give-up-after` is a deadline: 5 events to a webhook that answers 500 are given up
    /// together when it passes, not one after another (each started its time only when a probe
    /// reached it: 5 × the limit).
    @Test func eventsPastTheGiveUpDeadlineAreGivenUpTogether() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 500))
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path, "--max-in-flight", "1"])
        let port = freePort()
        let limit = 4
        let serve = try ServeProcess(
            workdir: workdir.path, port: port, listen: ["127.0.0.1"],
            extraArguments: ["--retry-first-delay", "1", "--retry-max-delay", "2", "--give-up-after", "\(limit)"])
        defer { serve.stop() }
        sendEvents(5, port: port)
        #expect(waitFor(timeout: 60) { self.webhookHealth(serve, server.url)["given_up"] as? Int == 5 })
        let listed = try Eventsdash.run(["given-up", server.url, "--json", "--workdir", workdir.path]).stdout
        let entries = try #require(
            (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [String: Any])?["output"] as? [[String: Any]])
        let times = entries.compactMap { $0["at"] as? Int }
        #expect(entries.reduce(0) { $0 + ($1["count"] as? Int ?? 1) } == 5)
        // Together: within less than the limit of each other (one after another, they were ≥ 4 s apart).
        #expect(times.count == entries.count && (times.max() ?? 0) - (times.min() ?? 0) < limit * 1000, "\(entries)")
        #expect(entries.allSatisfy { ($0["reason"] as? String)?.hasPrefix("still failing after \(limit) s: HTTP 500") == true })
    }

    @Test func serverErrorsAreRetriedHonouringRetryAfter() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 503, retryAfter: 1))
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: Self.fastRetries)
        defer { serve.stop() }
        sendEvents(5, port: port)
        let failedAt = Date()
        #expect(!server.waitForRequests(1).isEmpty)
        server.behave(.answer(status: 200))
        #expect(waitFor(timeout: 10) { server.distinctEvents.count == 5 })
        // Retry-After: 1 beats the 0.2 s backoff: nothing was retried sooner than a second later.
        #expect(Date().timeIntervalSince(failedAt) >= 0.9)
        let health = webhookHealth(serve, server.url)
        #expect((health["failed"] as? Int ?? 0) >= 1)
        #expect(health["given_up"] as? Int == 0)
    }

    @Test func aSlowEndpointTimesOutAndIsRetried() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.delay(3))
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(
            workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: Self.fastRetries + ["--timeout", "0.5"])
        defer { serve.stop() }
        sendEvents(3, port: port)
        #expect(waitFor(timeout: 5) { (self.webhookHealth(serve, server.url)["last_error"] as? String)?.contains("imed out") == true })
        server.behave(.answer(status: 200))
        #expect(waitFor(timeout: 10) { self.webhookHealth(serve, server.url)["backlog"] as? Int == 0 })
        #expect(server.distinctEvents.count == 3)
    }

    @Test func aResetConnectionIsRetried() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.reset)
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: Self.fastRetries)
        defer { serve.stop() }
        sendEvents(5, port: port)
        #expect(waitFor(timeout: 5) { (self.webhookHealth(serve, server.url)["failed"] as? Int ?? 0) >= 1 })
        server.behave(.answer(status: 200))
        #expect(waitFor(timeout: 10) { self.webhookHealth(serve, server.url)["backlog"] as? Int == 0 })
        // Each reset request is recorded too: the 5 events all arrived, some more than once.
        #expect(Set(server.requests.compactMap { $0.header("webhook-id") }).count == 5)
    }

    @Test func aRefusedEventIsGivenUpKeptAndRedeliverable() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 400))
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: Self.fastRetries)
        defer { serve.stop() }
        sendEvents(1, port: port)
        #expect(waitFor(timeout: 5) { self.webhookHealth(serve, server.url)["given_up"] as? Int == 1 })
        server.behave(.answer(status: 200))
        sendEvents(2, port: port, from: 1)
        #expect(waitFor(timeout: 5) { server.requests.count == 3 })  // the refused one does not hold the rest
        #expect(webhookHealth(serve, server.url)["state"] as? String == "failing")
        let listed = try Eventsdash.run(["given-up", server.url, "--workdir", workdir.path])
        #expect(listed.stdout.contains("  1 | VOLUME_STOP "))
        #expect(listed.stdout.contains("refused: HTTP 400"))

        let redelivered = try Eventsdash.run(["redeliver", server.url, "1", "--workdir", workdir.path])
        #expect(redelivered.status == 0)
        #expect(redelivered.stdout.contains("#1 VOLUME_STOP: OK: HTTP 200"))
        #expect(server.requests.last?.sequence == 1)
        #expect(server.requests.last?.body.contains(#""name": "gv0""#) == true)
        let missing = try Eventsdash.run(["redeliver", server.url, "99", "--workdir", workdir.path])
        #expect(missing.status != 0)
        #expect(missing.stdout.contains("event 99 is not in the log"))

        // The list marks what reached the webhook since; --given-up sends only what is still waiting.
        let json = try Eventsdash.run(["given-up", "--json", "--workdir", workdir.path]).stdout
        let rows = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["output"] as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["redelivered"] as? String == "HTTP 200")
        #expect(rows?.first?["event"] as? String == "VOLUME_STOP")
        let again = try Eventsdash.run(["redeliver", server.url, "--given-up", "--workdir", workdir.path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing to redeliver"))
    }

    /// After an outage longer than the retry time, `redeliver --given-up` sends what was given up,
    /// in order, and stops early while the webhook is still down.
    @Test func givenUpEventsAreRedeliveredTogether() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 503))
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(
            workdir: workdir.path, port: port, listen: ["127.0.0.1"],
            extraArguments: ["--retry-first-delay", "0.05", "--retry-max-delay", "0.1", "--give-up-after", "0.3"])
        defer { serve.stop() }
        sendEvents(6, port: port)
        #expect(waitFor(timeout: 10) { self.webhookHealth(serve, server.url)["given_up"] as? Int == 6 })

        let whileDown = try Eventsdash.run(["redeliver", server.url, "--given-up", "--workdir", workdir.path])
        #expect(whileDown.status == 3)
        #expect(whileDown.stdout.contains("stopped: \(server.url) failed 3 times in a row"))

        server.behave(.answer(status: 200))
        let before = server.requests.count
        let sent = try Eventsdash.run(["redeliver", server.url, "--given-up", "--workdir", workdir.path])
        #expect(sent.status == 0)
        #expect(sent.stdout.contains("redelivered 6 of 6 to \(server.url)"))
        let sequences = server.requests.dropFirst(before).compactMap(\.sequence)
        #expect(sequences == [1, 2, 3, 4, 5, 6])  // each once, in log order
        let listed = try Eventsdash.run(["given-up", "--workdir", workdir.path]).stdout
        #expect(listed.components(separatedBy: "HTTP 200").count - 1 == 6)
    }

    /// `kill -9` mid-stream: the restarted engine resumes each webhook at its saved position.
    @Test func killNineMidStreamLosesNothing() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.delay(0.01))  // slow enough to be caught mid-stream
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path, "--max-in-flight", "2"])
        let port = freePort()
        let first = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        sendEvents(400, port: port)
        #expect(waitFor(timeout: 10) { server.requests.count >= 100 })
        kill(first.pid, SIGKILL)
        first.stop()
        let beforeRestart = server.distinctEvents.count
        #expect(beforeRestart < 400)

        let second = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { second.stop() }
        #expect(waitFor(timeout: 20) { server.distinctEvents.count == 400 })
        let (count, duplicates) = server.distinctEvents
        #expect(count == 400)
        // At least once: what was delivered after the last save of positions (every 0.25 s) comes again.
        #expect(duplicates < 100)
    }

    @Test func aWebhookGetsOnlyTheEventsItAsksFor() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path, "--events", "VOLUME_ST*,PEER_ATTACH"])
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_CREATE", "name=a"])
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_START", "name=a"])
        try Eventsdash.run(["send", "--port", "\(port)", "PEER_ATTACH", "host=b"])
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_STOP", "name=a"])
        #expect(server.waitForRequests(3).count == 3)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(server.requests.compactMap { $0.body.split(separator: "\"")[3] }.map(String.init) == ["VOLUME_START", "PEER_ATTACH", "VOLUME_STOP"])
        #expect(waitFor(timeout: 5) { self.webhookHealth(serve, server.url)["backlog"] as? Int == 0 })
        let bad = try Eventsdash.run(["webhook-mod", server.url, "--workdir", workdir.path, "--events", "VOLUM_CREATE"])
        #expect(bad.status != 0 && bad.stderr.contains("VOLUM_CREATE is not a gluster event"))
    }
}
