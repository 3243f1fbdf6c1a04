import Foundation
import Testing
import TestSupport

/// HTTP ingest: glustereventsd's webhook POSTs become events in the log, pings are answered and
/// counted, bad requests are refused with a reason, and events that came by HTTP are not sent on
/// unless asked (no loops).
@Suite struct HTTPIngestTests {
    static let body = #"{"event": "VOLUME_CREATE", "message": {"name": "viahttp"}, "nodeid": "other-node-uuid", "ts": 1700000000}"#

    private func http(_ serve: ServeProcess) -> [String: Any] { serve.engineStatus()?["http"] as? [String: Any] ?? [:] }


    /// 3,000 events, each from a different node, once made engine.json 6 MB (rewritten and
    /// fsynced every second); a node id holding terminal escapes was printed raw by `status`.
    @Test func nodeIDsAreCheckedAndTheNodeTableStaysSmall() throws {
        let workdir = TemporaryDirectory()
        let httpPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], extraArguments: ["--listen-http", "\(httpPort)"])
        defer { serve.stop() }
        let base = "http://127.0.0.1:\(httpPort)/"
        func body(node: String) -> String {
            #"{"event": "VOLUME_START", "message": {"name": "gv0"}, "nodeid": "\#(node)", "ts": 1700000000}"#
        }
        for node in [String(repeating: "n", count: 2048), #"node\u001b]0;pwned\u0007\u001b[2J"#] {
            let refused = httpRequest("POST", base, body: body(node: node))
            #expect(refused?.status == 400 && refused?.body.contains(#""nodeid" must be a node's id"#) == true, "\(String(describing: refused))")
        }
        for n in 1...3_000 {
            let node = "00000000-0000-4000-8000-" + String(format: "%012d", n)
            guard httpRequest("POST", base, body: body(node: node))?.status == 200 else {
                Issue.record("event \(n) was refused")
                return
            }
        }
        #expect(waitFor(timeout: 10) { serve.engineStatus()?["overflow_node_events"] as? Int == 3_000 - 256 })
        let engine = serve.engineStatus() ?? [:]
        // 256 counted apart, the rest together, and this node (and glusterd's peers, if it runs here).
        #expect((258...266).contains((engine["nodes"] as? [String: Any])?.count ?? 0), "\(engine["nodes"] ?? "")")
        #expect((engine["http"] as? [String: Any])?["rejected_by_reason"] as? [String: Int] == ["bad_body": 2])
        #expect(waitFor(timeout: 10) { (try? loggedEvents(workdir: workdir.path, count: 5_000).count) == 3_000 })  // all logged
        let size = (try FileManager.default.attributesOfItem(atPath: workdir.path + "/engine.json")[.size] as? Int) ?? .max
        #expect(size < 64 << 10, "engine.json is \(size) bytes")
        let status = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(status.contains("Node limit reached: \(3_000 - 256) events from further nodes"), "\(status)")
    }

    @Test func glustereventsdPostsAreLoggedPingsCountedAndNothingLoops() throws {
        let workdir = TemporaryDirectory()
        let webhook = try RecordingWebhookServer()
        defer { webhook.shutdown() }
        try Eventsdash.run(["webhook-add", webhook.url, "--workdir", workdir.path])
        let httpPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--listen-http", "\(httpPort)", "--http-max-body", "2048"])
        defer { serve.stop() }
        let base = "http://127.0.0.1:\(httpPort)"

        #expect(httpRequest("POST", base + "/", body: Self.body, headers: ["Content-Type": "application/json"])?.status == 200)
        #expect(httpRequest("POST", base + "/listen", body: "")?.status == 200)  // gluster-eventsapi webhook-test
        #expect(httpRequest("GET", base + "/")?.status == 200)
        let bad = httpRequest("POST", base + "/", body: "{not json")
        #expect(bad?.status == 400 && bad?.body.contains("not JSON") == true)
        #expect(httpRequest("POST", base + "/elsewhere", body: Self.body)?.status == 404)
        #expect(httpRequest("POST", base + "/", body: String(repeating: " ", count: 5000))?.status == 413)

        // The event is logged as it came (its node's id), and the UDP event after it too…
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_START", "name=viaudp"])
        #expect(waitFor(timeout: 5) { (try? loggedEvents(workdir: workdir.path).count) == 2 })
        let logged = try loggedEvents(workdir: workdir.path)
        #expect(logged.first?["nodeid"] as? String == "other-node-uuid")
        #expect((logged.first?["message"] as? [String: Any])?["name"] as? String == "viahttp")
        // …but only the UDP one is delivered: forwarding what came by HTTP is off by default.
        let delivered = webhook.waitForRequests(1)
        #expect(delivered.count == 1 && delivered.first?.body.contains("viaudp") == true)
        #expect(waitFor(timeout: 5) {
            let health = (serve.engineStatus()?["webhooks"] as? [String: [String: Any]])?[webhook.url]
            return health?["backlog"] as? Int == 0
        })
        #expect(webhook.requests.count == 1)

        // (status shows what the engine published, once a second)
        #expect(waitFor(timeout: 3) { self.http(serve)["requests"] as? Int == 6 })
        let figures = http(serve)
        #expect(figures["events"] as? Int == 1 && figures["pings"] as? Int == 2 && figures["rejected"] as? Int == 3)
        #expect(figures["rejected_by_reason"] as? [String: Int] == ["bad_body": 1, "not_found": 1, "too_large": 1])
        let status = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(status.contains("HTTP ingest on 127.0.0.1:\(httpPort): requests 6, events 1, pings 2, rejected 3"))
    }

    /// On the node that gathers a pool's events, its own ingest URL is a shared webhook like any
    /// other: the engine there does not deliver to itself (each event would be logged twice).
    @Test func anEngineDoesNotDeliverToItsOwnIngest() throws {
        let workdir = TemporaryDirectory()
        let other = try RecordingWebhookServer()
        defer { other.shutdown() }
        let httpPort = freeTCPPortForLater()
        let own = "http://localhost:\(httpPort)/listen"
        for url in [own, other.url] { try Eventsdash.run(["webhook-add", url, "--workdir", workdir.path]) }
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], extraArguments: ["--listen-http", "\(httpPort)"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_START", "name=once"])
        #expect(other.waitForRequests(1).count == 1)
        #expect(waitFor(timeout: 5) {
            let health = (serve.engineStatus()?["webhooks"] as? [String: [String: Any]])?[own]
            return health?["state"] as? String == "skipped"
        })
        #expect(http(serve)["events"] as? Int == 0)
        #expect(try loggedEvents(workdir: workdir.path).count == 1)
        let status = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(status.contains("\(own): not delivered to — this engine's own HTTP ingest: its events are here already"))

        // The dashboard says so too, and `r` (redeliver to every webhook) leaves it out.
        let tmux = try Tmux(command: "\(Eventsdash.binary) --workdir \(workdir.path)", columns: 160, rows: 30)
        try tmux.waitForScreen { $0.contains("name=once") }
        try tmux.send("Enter")
        try tmux.waitForScreen { $0.contains("\(own)  not delivered to — this engine's own HTTP ingest") && $0.contains("\(other.url)  delivered") }
        try tmux.send("r")
        try tmux.waitForScreen { $0.contains("redelivering #1 to \(other.url)") }
        #expect(other.waitForRequests(2).count == 2)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(http(serve)["events"] as? Int == 0)
        #expect(try loggedEvents(workdir: workdir.path).count == 1)
    }

    @Test func aBearerTokenIsRequiredWhenSet() throws {
        let workdir = TemporaryDirectory()
        let httpPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--listen-http", "127.0.0.1:\(httpPort)", "--http-token", "s3cret"])
        defer { serve.stop() }
        let url = "http://127.0.0.1:\(httpPort)/listen"
        #expect(httpRequest("POST", url, body: Self.body)?.status == 401)
        #expect(httpRequest("POST", url, body: Self.body, headers: ["Authorization": "Bearer nope"])?.status == 401)
        #expect(httpRequest("POST", url, body: Self.body, headers: ["Authorization": "Bearer s3cret"])?.status == 200)
        #expect(waitFor(timeout: 3) { self.http(serve)["requests"] as? Int == 3 })
        #expect(http(serve)["events"] as? Int == 1)
        #expect((http(serve)["rejected_by_reason"] as? [String: Int])?["unauthorized"] == 2)
    }

    /// One eventsdash gathers another's events: the second's webhook (with a secret, so a JWT)
    /// points at the first's HTTP ingest. Its test ping is a ping; its events arrive with its node
    /// id; and with --forward-http-events the gatherer sends them on to its own webhook.
    @Test func oneEventsdashGathersAnothersEventsOverJWT() throws {
        let gatherer = TemporaryDirectory()
        let onward = try RecordingWebhookServer()
        defer { onward.shutdown() }
        try Eventsdash.run(["webhook-add", onward.url, "--workdir", gatherer.path])
        let httpPort = freeTCPPortForLater()
        let central = try ServeProcess(
            workdir: gatherer.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--listen-http", "\(httpPort)", "--http-secret", "pool-secret", "--forward-http-events"])
        defer { central.stop() }

        let node = TemporaryDirectory()
        let ingestURL = "http://127.0.0.1:\(httpPort)/listen"
        try Eventsdash.run(["webhook-add", ingestURL, "-s", "pool-secret", "--workdir", node.path])
        let ping = try Eventsdash.run(["webhook-test", ingestURL, "--workdir", node.path])
        #expect(ping.status == 0 && ping.stdout.contains("OK"))
        #expect(waitFor(timeout: 3) { self.http(central)["pings"] as? Int == 1 })

        let edge = try ServeProcess(workdir: node.path, port: freePort(), listen: ["127.0.0.1"])
        defer { edge.stop() }
        try Eventsdash.run(["send", "--port", "\(edge.port)", "BRICK_DISCONNECTED", "volume=gv0"])
        let forwarded = onward.waitForRequests(1)
        #expect(forwarded.first?.body.contains(#""event": "BRICK_DISCONNECTED""#) == true)
        let edgeNode = try #require(edge.engineStatus()?["node_id"] as? String)
        #expect(try loggedEvents(workdir: gatherer.path).first?["nodeid"] as? String == edgeNode)
        #expect(waitFor(timeout: 3) { self.http(central)["events"] as? Int == 1 })
        #expect(http(central)["rejected"] as? Int == 0)
        // The gatherer counts events per node: the edge's, heard from just now.
        let nodes = central.engineStatus()?["nodes"] as? [String: [String: Any]]
        #expect(nodes?[edgeNode]?["events"] as? Int == 1)
        #expect(nodes?[edgeNode]?["last_event_at_ms"] as? Int ?? 0 > Int(Date().timeIntervalSince1970 * 1000) - 60_000)
        let ownNode = try #require(central.engineStatus()?["node_id"] as? String)
        #expect(nodes?[ownNode]?["name"] as? String == ProcessInfo.processInfo.hostName)
        let text = try Eventsdash.run(["status", "--workdir", gatherer.path]).stdout
        #expect(text.contains("(\(edgeNode)): 1 events, last "))
    }
}
