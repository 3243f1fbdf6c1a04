import Foundation
import GlusterEvents
import Testing
import TestSupport

/// `/metrics`: a live scrape while a webhook fails and problems are open passes the real
/// `promtool check metrics` and shows the figures; a real Prometheus scrapes it. Both tools come
/// from Debian's `prometheus` (`scripts/setup --tests`; see `RealTool`).
@Suite struct MetricsEndToEndTests {
    static let promtool = "/usr/bin/promtool"
    static let prometheus = "/usr/bin/prometheus"

    /// The value of the sample `series` (name and labels exactly as written) in `page`.
    static func sample(_ page: String, _ series: String) -> Double? {
        page.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    static func brickDown(_ brick: String, port: Int) throws {
        try Eventsdash.run(["send", "--port", "\(port)", "BRICK_DISCONNECTED", "peer=node1", "volume=gv0", "brick=\(brick)"])
    }

    @Test(.enabled(if: RealTool.installed(promtool) || RealTool.required, "needs Debian's prometheus (scripts/setup --tests)"))
    func aLiveScrapeWithAWebhookFailingAndProblemsOpenPassesPromtool() throws {
        try #require(RealTool.installed(Self.promtool), "CI is set but promtool is not installed: run scripts/setup --tests")
        let workdir = TemporaryDirectory()
        let webhook = try RecordingWebhookServer()
        defer { webhook.shutdown() }
        // Down, with secrets in its URL that the label must not show.
        let down = "http://user:hunter2@127.0.0.1:\(freeTCPPortForLater())/hook?token=s3cret"
        try Eventsdash.run(["webhook-add", webhook.url, "--workdir", workdir.path])
        try Eventsdash.run(["webhook-add", down, "--workdir", workdir.path])
        let metricsPort = freeTCPPortForLater()
        let httpPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--metrics", "\(metricsPort)", "--listen-http", "\(httpPort)", "--http-token", "ingest-token"])
        defer { serve.stop() }
        try Self.brickDown("/bricks/b1", port: serve.port)
        try Self.brickDown("/bricks/b2", port: serve.port)
        // A volume name no label may carry raw: quotes, a backslash, a newline, escapes, 300 bytes.
        let brickDisconnected = EventCatalog.number(of: "BRICK_DISCONNECTED")!
        let hostile = "v\"ol\\\n\u{1b}[2J" + String(repeating: "x", count: 300)
        sendRaw("1700000000 \(brickDisconnected) peer=node1;volume=\(hostile);brick=/bricks/b3", port: serve.port)
        sendRaw("1700000000 9999 odd=1", port: serve.port)  // an event number the catalog lacks
        sendRaw("yesterday 5 a=b", port: serve.port)  // malformed: rejected
        #expect(webhook.waitForRequests(4).count == 4)

        let url = "http://127.0.0.1:\(metricsPort)/metrics"
        var page = ""
        #expect(waitFor(timeout: 10) {
            page = httpRequest("GET", url)?.body ?? ""
            return (Self.sample(page, #"eventsdash_health_problems{kind="brick-down",severity="warning"}"#) ?? 0) == 3
                && page.contains("eventsdash_webhook_failed_attempts_total{webhook=\"http://127.0.0.1")
        })
        let check = try Command.run(Self.promtool, ["check", "metrics"], stdin: page)
        #expect(check.status == 0, "promtool: \(check.stdout)\(check.stderr)")
        // The families in name order, scrape after scrape (each scrape is a registry of its own).
        func families(_ page: String) -> [Substring] {
            page.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        }
        #expect(families(page) == families(page).sorted() && families(page).count > 20)
        #expect(families(httpRequest("GET", url)?.body ?? "") == families(page))

        #expect(Self.sample(page, "eventsdash_udp_datagrams_received_total") == 5)
        #expect(Self.sample(page, #"eventsdash_udp_datagrams_rejected_total{reason="non-numeric-timestamp"}"#) == 1)
        #expect(Self.sample(page, #"eventsdash_events_total{event="BRICK_DISCONNECTED"}"#) == 3)
        #expect(Self.sample(page, #"eventsdash_events_total{event="UNKNOWN"}"#) == 1)
        #expect(Self.sample(page, #"eventsdash_volume_bricks_down{volume="gv0"}"#) == 2)
        #expect(Self.sample(page, #"eventsdash_volume_state{volume="gv0",state="DEGRADED"}"#) == 1)
        #expect(Self.sample(page, "eventsdash_health_status") == 1)
        let version = try Eventsdash.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(page.contains("eventsdash_info{version=\"\(version)\",node=\""), "the version is \(version)")
        let ok = "webhook=\"\(webhook.url)\""
        #expect(Self.sample(page, "eventsdash_webhook_delivered_total{\(ok)}") == 4)
        #expect(Self.sample(page, "eventsdash_webhook_delivery_latency_seconds_count{\(ok)}") == 4)
        #expect(Self.sample(page, "eventsdash_webhook_backlog{\(ok)}") == 0)
        let failing = page.split(separator: "\n").first { $0.hasPrefix("eventsdash_webhook_failed_attempts_total{") && !$0.contains(ok) }
        #expect((failing.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0) >= 1, "\(failing ?? "no failing webhook")")
        #expect(Self.sample(page, "eventsdash_webhook_backlog{\(failing.map { String($0.drop { $0 != "{" }.prefix { $0 != "}" }.dropFirst()) } ?? "")}") == 4)
        #expect(!page.contains("hunter2") && !page.contains("s3cret"), "a secret of the webhook's URL is in the page")
        #expect(page.contains(#"eventsdash_webhook_request_duration_seconds_bucket{"#))
        // The hostile name: escaped, cut, on one line (promtool passed it too).
        let odd = page.split(separator: "\n").first { $0.hasPrefix(#"eventsdash_volume_bricks_down{volume="v\"ol\\"#) }
        // 256 bytes of label value at most, and a few escapes, beside the name.
        #expect(odd.map { $0.utf8.count < 256 + 60 && $0.hasSuffix(" 1.0") } == true, "\(odd ?? "no line for the odd volume")")

        // Every metric the shipped rules and Grafana dashboard use is on the page (the peers' once
        // glusterd's peers are known: there is no glusterd here).
        for name in try Self.metricNamesUsedInDist() where !name.hasPrefix("eventsdash_peers_") {
            let served = ["{", " ", "_count{"].contains { page.contains("\n\(name)\($0)") }
            #expect(served, "\(name) is used in dist/ but not served")
        }

        // The metrics listener takes no events; HTTP ingest's serves /metrics behind its token.
        #expect(httpRequest("POST", "http://127.0.0.1:\(metricsPort)/", body: HTTPIngestTests.body)?.status == 404)
        #expect(httpRequest("GET", "http://127.0.0.1:\(httpPort)/metrics")?.status == 401)
        let viaIngest = httpRequest("GET", "http://127.0.0.1:\(httpPort)/metrics", headers: ["Authorization": "Bearer ingest-token"])
        #expect(viaIngest?.status == 200 && viaIngest?.body.contains("eventsdash_info{") == true)
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = root.appendingPathComponent("dist/prometheus/eventsdash-rules.yml").path
    static let grafana = root.appendingPathComponent("dist/grafana/eventsdash.json").path

    /// The queries of the Grafana dashboard, as Prometheus would run them.
    static func grafanaQueries() throws -> [String] {
        let dashboard = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: grafana))) as? [String: Any]
        let panels = dashboard?["panels"] as? [[String: Any]] ?? []
        return panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }.map {
            $0.replacingOccurrences(of: "$__rate_interval", with: "5m").replacingOccurrences(of: "$instance", with: ".*")
        }
    }

    /// `eventsdash_…` names in the rules and the dashboard, without a histogram's `_bucket`.
    static func metricNamesUsedInDist() throws -> Set<String> {
        let text = try String(contentsOfFile: rules, encoding: .utf8) + (try grafanaQueries()).joined(separator: "\n")
        let names = try Regex(#"eventsdash_[a-z_]+"#)
        return Set(text.matches(of: names).map { String(text[$0.range]).replacing(/_bucket$/, with: "") })
    }

    @Test(.enabled(if: RealTool.installed(promtool) || RealTool.required, "needs Debian's prometheus (scripts/setup --tests)"))
    func theShippedRulesAndTheGrafanaQueriesAreValidPromQL() throws {
        try #require(RealTool.installed(Self.promtool), "CI is set but promtool is not installed: run scripts/setup --tests")
        let rules = try Command.run(Self.promtool, ["check", "rules", Self.rules])
        #expect(rules.status == 0, "\(rules.stdout)\(rules.stderr)")
        // Each dashboard query as a recording rule: promtool parses it.
        let queries = try Self.grafanaQueries()
        #expect(queries.count >= 15)
        let recorded = "groups:\n  - name: grafana\n    rules:\n"
            + queries.enumerated().map { "      - record: grafana_query_\($0.offset)\n        expr: '\($0.element.replacingOccurrences(of: "'", with: "''"))'\n" }
            .joined()
        let workdir = TemporaryDirectory()
        try recorded.write(toFile: workdir.file("grafana.yml"), atomically: true, encoding: .utf8)
        let parsed = try Command.run(Self.promtool, ["check", "rules", workdir.file("grafana.yml")])
        #expect(parsed.status == 0, "\(parsed.stdout)\(parsed.stderr)")
    }

    @Test(.enabled(if: RealTool.installed(prometheus) || RealTool.required, "needs Debian's prometheus (scripts/setup --tests)"))
    func aRealPrometheusScrapesIt() throws {
        try #require(RealTool.installed(Self.prometheus), "CI is set but prometheus is not installed: run scripts/setup --tests")
        let workdir = TemporaryDirectory()
        let metricsPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], extraArguments: ["--metrics", "127.0.0.1:\(metricsPort)"])
        defer { serve.stop() }
        try Self.brickDown("/bricks/b1", port: serve.port)
        try Self.brickDown("/bricks/b2", port: serve.port)

        let config = workdir.path + "/prometheus.yml"
        try """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: eventsdash
                static_configs: [{targets: ["127.0.0.1:\(metricsPort)"]}]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let prometheusPort = freeTCPPortForLater()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.prometheus)
        server.arguments = [
            "--config.file=\(config)", "--storage.tsdb.path=\(workdir.path)/tsdb", "--web.listen-address=127.0.0.1:\(prometheusPort)",
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        func query(_ expression: String) -> String? {
            let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            guard let answer = httpRequest("GET", "http://127.0.0.1:\(prometheusPort)/api/v1/query?query=\(encoded)"),
                let json = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
                let result = (json["data"] as? [String: Any])?["result"] as? [[String: Any]],
                let value = result.first?["value"] as? [Any]
            else { return nil }
            return value.last as? String
        }
        // Prometheus scraped the engine (up) and holds what it says of the cluster.
        #expect(waitFor(timeout: 30) { query(#"up{job="eventsdash"}"#) == "1" })
        #expect(waitFor(timeout: 10) { query(#"eventsdash_health_problems{kind="brick-down"}"#) == "2" })
        #expect(query(#"sum(eventsdash_events_total{event="BRICK_DISCONNECTED"})"#) == "2")
        #expect(query(#"scrape_samples_scraped{job="eventsdash"}"#).flatMap(Int.init).map { $0 > 50 } == true)
    }
}
