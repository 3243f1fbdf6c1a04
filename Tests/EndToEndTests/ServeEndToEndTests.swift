import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The real `serve` on a free port with a private workdir, fed by `eventsdash send` over IPv4 and
/// IPv6, delivering to a real local HTTP server.
@Suite struct ServeEndToEndTests {
    @Test func eventsOverIPv4AndIPv6AreLoggedAndDeliveredWithAuth() throws {
        let workdir = TemporaryDirectory()
        let tokenHook = try RecordingWebhookServer()
        let secretHook = try RecordingWebhookServer()
        defer {
            tokenHook.shutdown()
            secretHook.shutdown()
        }
        #expect(try Eventsdash.run(["webhook-add", tokenHook.url, "-t", "tok-1", "--workdir", workdir.path]).status == 0)
        #expect(try Eventsdash.run(["webhook-add", secretHook.url, "-s", "-", "--workdir", workdir.path], stdin: "sec-1\n").status == 0)

        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port)
        #expect(try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_CREATE", "name=gv0", "url=http://x/?a=b"]).status == 0)
        #expect(try Eventsdash.run(["send", "--host", "::1", "--port", "\(port)", "EVENT_VOLUME_SET", "name=gv0", "options=k1,v1"]).status == 0)

        let tokenRequests = tokenHook.waitForRequests(2)
        let secretRequests = secretHook.waitForRequests(2)
        serve.stop()

        // The event log holds both, numbered, with gluster's JSON.
        let tail = try Eventsdash.run(["tail", "--json", "--workdir", workdir.path])
        let lines = tail.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let logged = lines.map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(logged.map { $0["sequence"] as? Int } == [1, 2])
        // tail --json adds the sequence and the webhook-id header to the body as it was logged.
        let bodies = lines.map { $0.replacing(/, "sequence": \d+/, with: "").replacing(/, "webhook_id": "[^"]*"/, with: "") }
        let ids = logged.compactMap { $0["webhook_id"] as? String }
        let events = Set(logged.map { $0["event"] as! String })
        #expect(events == ["VOLUME_CREATE", "VOLUME_SET"])
        let create = logged.first { $0["event"] as? String == "VOLUME_CREATE" }!
        #expect((create["message"] as? [String: String])?["url"] == "http://x/?a=b")
        let set = logged.first { $0["event"] as? String == "VOLUME_SET" }!
        #expect((set["message"] as? [String: Any])?["options"] as? [[String]] == [["k1", "v1"]])

        // Each webhook got exactly the logged bodies, in order, with its own auth and the sequence id.
        for requests in [tokenRequests, secretRequests] {
            #expect(requests.count == 2)
            #expect(requests.map(\.body) == bodies)
            #expect(requests.map { $0.header("webhook-id") } == ids && ids.count == 2)
            #expect(requests.allSatisfy { $0.method == "POST" && $0.uri == "/listen" })
            #expect(requests.allSatisfy { $0.header("Content-Type") == "application/json" })
        }
        #expect(tokenRequests.allSatisfy { $0.header("Authorization") == "Bearer tok-1" })
        for request in secretRequests {
            let auth = try #require(request.header("Authorization"))
            #expect(auth.hasPrefix("Bearer "))
            let event = (try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as! [String: Any])["event"] as! String
            #expect(try verifyJWT(String(auth.dropFirst(7)), secret: "sec-1", subject: event))
        }
    }

    /// As the systemd unit may run it: root, but without CAP_NET_ADMIN (SO_RCVBUFFORCE refused).
    /// It takes the buffer net.core.rmem_max allows and receives (it could not listen at all).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func rootWithoutNetAdminStillReceives() throws {
        let workdir = TemporaryDirectory()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], launcher: ["/usr/bin/setpriv", "--bounding-set", "-net_admin", "--"])
        defer { serve.stop() }
        sendRaw("1700000000 2 name=gv0", port: serve.port)
        #expect(waitFor(timeout: 10) { serve.engineStatus()?["accepted"] as? Int == 1 })
        let maximum = Int((try? String(contentsOfFile: "/proc/sys/net/core/rmem_max", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        let granted = serve.engineStatus()?["receive_buffer_bytes"] as? Int ?? -1
        #expect(granted > 0 && granted <= 2 * maximum, "granted \(granted), rmem_max \(maximum)")  // the kernel doubles what it is asked
    }

    @Test func statusShowsTheRunningEngineAndItsCounters() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_START", "name=gv0"])
        try Eventsdash.run(["send", "--port", "\(port)", "142", "future=yes"])
        sendRaw("not an event", port: port)
        sendRaw("1700000000", port: port)

        #expect(waitFor(timeout: 5) { (serve.engineStatus()?["received"] as? Int) == 4 })
        let engine = try #require(serve.engineStatus())
        #expect(engine["running"] as? Bool == true)
        #expect(engine["pid"] as? Int == Int(serve.pid))
        #expect(engine["accepted"] as? Int == 2)
        #expect(engine["rejected"] as? Int == 2)
        #expect(engine["truncated"] as? Int == 0)
        #expect(engine["kernel_drops"] as? Int == 0)
        #expect(engine["listen"] as? [String] == ["127.0.0.1:\(port)"])
        #expect((engine["receive_buffer_bytes"] as? Int ?? 0) > 0)
        let reasons = try #require(engine["rejected_by_reason"] as? [String: Int])
        #expect(reasons["non-numeric-timestamp"] == 1)
        #expect(reasons["missing-event-type"] == 1)

        let text = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(text.contains("| localhost |          UP |                UP |"))
        #expect(text.contains("Engine: running (pid \(serve.pid)) on 127.0.0.1:\(port)"))
        #expect(text.contains("received 4, accepted 2, rejected 2 (truncated 0), kernel drops 0"))

        let tail = try Eventsdash.run(["tail", "--workdir", workdir.path]).stdout
        #expect(tail.contains("UNKNOWN_142"))
        #expect(tail.contains("future=yes"))
        let volumeOnly = try Eventsdash.run(["tail", "--event", "volume_*", "--json", "--workdir", workdir.path]).stdout
        #expect(volumeOnly.split(separator: "\n").count == 1)
        #expect(volumeOnly.contains(#""event": "VOLUME_START""#))
    }

    /// `--allow-from`: a datagram from a source left out is counted as rejected and never logged;
    /// loopback (this node's own daemons) always passes.
    @Test func onlyAllowedSourcesAreTaken() throws {
        let addresses = try Command.run("/usr/sbin/ip", ["-4", "-o", "addr", "show", "scope", "global"]).stdout
        let outside = try #require(
            addresses.split(separator: " ").first { $0.contains("/") && $0.contains(".") }.map { String($0.split(separator: "/")[0]) },
            "this machine has no non-loopback IPv4 address to send from")
        for (allowed, takesOutside) in [("203.0.113.0/24", false), (outside, true)] {
            let workdir = TemporaryDirectory()
            let serve = try ServeProcess(
                workdir: workdir.path, port: freePort(), listen: ["0.0.0.0"], extraArguments: ["--allow-from", allowed])
            defer { serve.stop() }
            try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_START", "name=from-loopback"])
            try Eventsdash.run(["send", "--host", outside, "--port", "\(serve.port)", "VOLUME_STOP", "name=from-\(outside)"])
            #expect(waitFor(timeout: 5) { (serve.engineStatus()?["received"] as? Int) == 2 })
            let engine = try #require(serve.engineStatus())
            #expect(engine["accepted"] as? Int == (takesOutside ? 2 : 1), "--allow-from \(allowed)")
            #expect((engine["rejected_by_reason"] as? [String: Int])?["source-not-allowed"] == (takesOutside ? 0 : 1))
            #expect(engine["allow_from"] as? [String] == [allowed])
            let logged = try loggedEvents(workdir: workdir.path).compactMap { $0["event"] as? String }
            #expect(logged == (takesOutside ? ["VOLUME_START", "VOLUME_STOP"] : ["VOLUME_START"]))
            let status = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
            #expect(status.contains("UDP sources: loopback and \(allowed) only; \(takesOutside ? 0 : 1) datagrams from elsewhere rejected"))
        }
        let scratch = TemporaryDirectory()
        let refused = try Eventsdash.run(["serve", "--workdir", scratch.path, "--port", "\(freePort())", "--allow-from", "10.0.0.0/40"])
        #expect(refused.status == 1 && refused.stderr.contains("--allow-from 10.0.0.0/40: the prefix length must be 0 to 32"))
    }

    @Test func statusSaysWhenNoEngineRuns() throws {
        let workdir = TemporaryDirectory()
        let result = try Eventsdash.run(["status", "--workdir", workdir.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Webhooks: None\n"))
        #expect(result.stdout.contains("| localhost |          UP |              DOWN |"))
        #expect(result.stdout.contains("Engine: not running"))
        let json = try Eventsdash.run(["status", "--json", "--workdir", workdir.path]).stdout
        #expect(json.contains(#""engine": {"running": false}"#))
    }

    @Test func webhookAddedWhileRunningReceivesTheNextEvents() throws {
        let workdir = TemporaryDirectory()
        let hook = try RecordingWebhookServer()
        defer { hook.shutdown() }
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        try Eventsdash.run(["webhook-add", hook.url, "--workdir", workdir.path])
        // The engine notices webhooks.json changes within a second.
        #expect(
            waitFor(timeout: 5) {
                try! Eventsdash.run(["send", "--port", "\(port)", "PEER_ATTACH", "host=n2"])
                return !hook.waitForRequests(1, timeout: 0.3).isEmpty
            })
        #expect(hook.requests.first?.body.contains(#""event": "PEER_ATTACH""#) == true)
    }

    /// A webhook that is down fails on its own: the healthy one gets every event, ingest goes on,
    /// and status shows which is retrying, why, and how far behind it is.
    @Test func aWebhookThatIsDownDoesNotHoldUpTheOthers() throws {
        let workdir = TemporaryDirectory()
        let healthy = try RecordingWebhookServer()
        defer { healthy.shutdown() }
        let deadURL = "http://127.0.0.1:\(freeTCPPortForLater())/listen"
        try Eventsdash.run(["webhook-add", deadURL, "--workdir", workdir.path])
        try Eventsdash.run(["webhook-add", healthy.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        for i in 0..<20 { try Eventsdash.run(["send", "--port", "\(port)", "BRICK_DISCONNECTED", "brick=b\(i)"]) }
        #expect(healthy.waitForRequests(20).count == 20)
        #expect(Set(healthy.requests.compactMap { $0.header("webhook-id") }).count == 20)
        var webhooks: [String: [String: Any]] = [:]
        #expect(
            waitFor(timeout: 5) {
                webhooks = serve.engineStatus()?["webhooks"] as? [String: [String: Any]] ?? [:]
                return (webhooks[deadURL]?["failed"] as? Int ?? 0) >= 1 && webhooks[healthy.url]?["delivered"] as? Int == 20
            })
        #expect(webhooks[deadURL]?["state"] as? String == "retrying")
        #expect(webhooks[deadURL]?["backlog"] as? Int == 20)  // nothing lost: all 20 wait for it
        #expect(webhooks[deadURL]?["given_up"] as? Int == 0)
        #expect((webhooks[deadURL]?["last_error"] as? String)?.lowercased().contains("connect") == true)
        #expect(webhooks[healthy.url]?["delivered"] as? Int == 20)
        #expect(webhooks[healthy.url]?["state"] as? String == "healthy")
        #expect(serve.engineStatus()?["accepted"] as? Int == 20)
    }

    @Test func tailFollowPrintsNewEventsAsTheyArrive() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_START", "name=old"])
        #expect(waitFor(timeout: 5) { (serve.engineStatus()?["last_sequence"] as? Int) == 1 })

        let tail = Process()
        tail.executableURL = URL(fileURLWithPath: Eventsdash.binary)
        tail.arguments = ["tail", "--follow", "-n", "1", "--json", "--workdir", workdir.path]
        let outputPath = workdir.path + "/tail.out"
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        tail.standardOutput = FileHandle(forWritingAtPath: outputPath)
        try tail.run()
        defer {
            // SIGTERM must stop it even though this test process runs with signals blocked,
            // which the child inherits.
            tail.terminate()
            #expect(waitFor(timeout: 5) { !tail.isRunning }, "tail --follow ignored SIGTERM")
            if tail.isRunning { kill(tail.processIdentifier, SIGKILL) }
            tail.waitUntilExit()
        }
        #expect(waitFor(timeout: 5) { workdir.read("tail.out")?.isEmpty == false })
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_STOP", "name=new"])
        var text = ""
        #expect(
            waitFor(timeout: 5) {
                text = workdir.read("tail.out") ?? ""
                return text.split(separator: "\n").count >= 2
            })
        let lines = text.split(separator: "\n")
        #expect(lines.first?.contains(#""name": "old""#) == true)
        #expect(lines.dropFirst().first?.contains(#""event": "VOLUME_STOP""#) == true)
    }

    @Test func aSecondEngineOnTheSameWorkdirRefusesAndNamesThePid() throws {
        let workdir = TemporaryDirectory()
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])
        defer { serve.stop() }
        let second = try Eventsdash.run(["serve", "--workdir", workdir.path, "--port", "\(freePort())", "--listen", "127.0.0.1"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("another eventsdash engine (pid \(serve.pid)) is already running on this workdir"))
    }

    @Test func aTakenPortIsOneClearErrorNamingPortAndHolder() throws {
        let holder = try ServeProcess(workdir: TemporaryDirectory().path, port: freePort(), listen: ["127.0.0.1"])
        defer { holder.stop() }
        let result = try Eventsdash.run(["serve", "--workdir", TemporaryDirectory().path, "--port", "\(holder.port)", "--listen", "127.0.0.1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("UDP port \(holder.port) is in use by eventsdash (pid \(holder.pid))"))
        #expect(result.stderr.contains("choose another port with --port"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func oneFamilyFailingIsAWarningNotAStop() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        // 192.0.2.1 (TEST-NET-1) is not an address of this machine, so it cannot be bound.
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1", "192.0.2.1"])
        let engine = try #require(serve.engineStatus())
        #expect(engine["listen"] as? [String] == ["127.0.0.1:\(port)"])
        #expect((engine["listen_failures"] as? [String])?.first?.hasPrefix("192.0.2.1:\(port)") == true)
        let stderr = serve.stop()
        #expect(stderr.contains("warning eventsdash: [EventsEngine] cannot listen on 192.0.2.1:\(port)"))
    }

    /// With a tiny receive buffer and the engine paused, the kernel drops datagrams: every one sent
    /// is then either received or counted as a kernel drop.
    @Test func kernelDropsAreCountedSoNothingIsSilentlyLost() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        let serve = try ServeProcess(
            workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: ["--receive-buffer", "2048"])
        defer { serve.stop() }
        kill(serve.pid, SIGSTOP)
        let sent = 300
        for i in 0..<sent { sendRaw("1700000000 2 name=v\(i)", port: port) }
        kill(serve.pid, SIGCONT)
        var engine: [String: Any] = [:]
        #expect(
            waitFor(timeout: 5) {
                engine = serve.engineStatus() ?? [:]
                return (engine["received"] as? Int ?? 0) + (engine["kernel_drops"] as? Int ?? 0) == sent
            })
        #expect((engine["kernel_drops"] as? Int ?? 0) > 0)
        #expect(engine["accepted"] as? Int == engine["received"] as? Int)
    }

    /// glustereventsd's human-readable events log, switched by `disable-events-log` while running.
    @Test func humanReadableEventsLogFollowsTheConfigLive() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_CREATE", "name=first"])
        #expect(waitFor(timeout: 5) { workdir.read("events.log")?.contains(#""name": "first""#) == true })
        #expect(workdir.read("events.log")?.contains("] INFO [eventsdash] - #1 {\"event\": \"VOLUME_CREATE\"") == true)

        try Eventsdash.run(["config-set", "disable-events-log", "true", "--workdir", workdir.path])
        Thread.sleep(forTimeInterval: 1.5)  // the engine re-reads a changed config.json within a second
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_CREATE", "name=second"])
        #expect(waitFor(timeout: 5) { (serve.engineStatus()?["last_sequence"] as? Int) == 2 })
        #expect(workdir.read("events.log")?.contains("second") == false)
        #expect(try Eventsdash.run(["tail", "--workdir", workdir.path]).stdout.contains("name=second"))
    }

    @Test func aMalformedConfigStopsServeWithThePathAndIsKept() throws {
        let workdir = TemporaryDirectory()
        workdir.write("{\"port\": ", to: "config.json")
        let result = try Eventsdash.run(["serve", "--workdir", workdir.path, "--listen", "127.0.0.1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(workdir.path + "/config.json: not valid JSON"))
        #expect(workdir.read("config.json") == "{\"port\": ")
    }
}

/// Verifies an HS256 JWT with Python's hmac module, an implementation independent of ours.
func verifyJWT(_ token: String, secret: String, subject: String) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", "-c",
        """
        import base64, hashlib, hmac, json, sys, time
        token, secret, subject = sys.argv[1:4]
        head, body, sig = token.split(".")
        pad = lambda s: s + "=" * (-len(s) % 4)
        good = hmac.compare_digest(base64.urlsafe_b64decode(pad(sig)),
            hmac.new(secret.encode(), (head + "." + body).encode(), hashlib.sha256).digest())
        claims = json.loads(base64.urlsafe_b64decode(pad(body)))
        good = good and claims["iss"] == "gluster" and claims["sub"] == subject and claims["exp"] > time.time()
        sys.exit(0 if good else 1)
        """,
        token, secret, subject,
    ]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
}
