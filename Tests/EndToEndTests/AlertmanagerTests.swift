import Foundation
import Testing
import TestSupport

/// `serve --alertmanager` against the real Alertmanager: fed the real capture's brick failures over
/// UDP, it sends each brick down as an alert, which Alertmanager groups (one notification for both
/// bricks of the volume) and resolves when the bricks come back, or when one is muted in eventsdash.
@Suite struct AlertmanagerTests {
    /// The capture's datagrams (see Tests/Fixtures/README.md), by line number from 1.
    let capture = try! Fixtures.datagrams(Fixtures.brickFailures)

    private func send(lines: Int..., to serve: ServeProcess) {
        for line in lines { sendRaw(capture[line - 1], port: serve.port) }
    }

    /// The webhook notifications Alertmanager sent the receiver, as JSON.
    private func notifications(_ receiver: RecordingWebhookServer) -> [[String: Any]] {
        receiver.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
    }

    /// Polls `amtool` (not too often: it is a process each time) until `holds`; the last answer.
    private func alerts(_ alertmanager: RealAlertmanager, within seconds: Double, until holds: ([[String: Any]]) -> Bool)
        -> [[String: Any]]
    {
        var last: [[String: Any]] = []
        _ = waitFor(timeout: seconds) {
            last = alertmanager.alerts() ?? last
            if holds(last) { return true }
            Thread.sleep(forTimeInterval: 0.2)
            return false
        }
        return last
    }

    /// A URL that is not an Alertmanager's base URL is refused before anything starts.
    @Test func aBadAlertmanagerURLIsRefused() throws {
        let workdir = TemporaryDirectory()
        for (url, says) in [
            ("am:9093", "--alertmanager am:9093: the URL must start with http:// or https://"),
            ("http://am:9093/api?x", "without a query or fragment"),
        ] {
            let result = try Eventsdash.run(["serve", "--workdir", workdir.path, "--port", "\(freePort())", "--alertmanager", url])
            #expect(result.status == 64 && result.stderr.contains(says), "\(result.stderr)")
        }
        let twice = try Eventsdash.run(
            ["serve", "--workdir", workdir.path, "--alertmanager", "http://am:9093", "--alertmanager", "http://am:9093/"])
        #expect(twice.status == 64 && twice.stderr.contains("--alertmanager: each URL once"), "\(twice.stderr)")
    }

    /// A flood of forged problems (2,000 bricks down on ten volumes) and one real critical
    /// problem whose volume name holds ESC, NUL, DEL and a bidi override: Alertmanager gets at
    /// most 200 alerts — the worst one by one, the rest one per kind and volume with their count —
    /// each request under a megabyte, and no control character in any label. (The long version,
    /// 10,000 problems: reliability/adversarial.py alertmanager-flood.)
    /// Alertmanager's password never on the command line: a URL with one is refused; the file
    /// holding it must be its owner's alone; then each request carries it (basic authentication).
    @Test func credentialsComeFromAFileOfTheOwnersAlone() throws {
        let workdir = TemporaryDirectory()
        let withPassword = try Eventsdash.run(
            ["serve", "--workdir", workdir.path, "--port", "\(freePort())", "--alertmanager", "http://am:s3cret@127.0.0.1:9093"])
        #expect(withPassword.status == 64 && withPassword.stderr.contains("--alertmanager-credentials FILE"), "\(withPassword.stderr)")
        let file = workdir.file("am-credentials")
        _ = FileManager.default.createFile(atPath: file, contents: Data("eventsdash:s3cret-am\n".utf8), attributes: [.posixPermissions: 0o644])
        let recorder = try RecordingWebhookServer()
        defer { recorder.shutdown() }
        let arguments = ["--cluster-poll-interval", "0", "--alertmanager", "http://127.0.0.1:\(recorder.port)", "--alertmanager-credentials", file]
        let open = try Eventsdash.run(["serve", "--workdir", workdir.path, "--port", "\(freePort())"] + arguments)
        #expect(open.status != 0 && open.stderr.contains("chmod 600 \(file)"), "\(open.stderr)")
        _ = chmod(file, 0o600)
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], extraArguments: arguments)
        defer { serve.stop() }
        sendRaw("1796070889 80 volume=gv0", port: serve.port)  // QUORUM_LOST
        #expect(waitFor(timeout: 20) { !recorder.requests.isEmpty })
        #expect(recorder.requests.first?.header("Authorization") == "Basic " + Data("eventsdash:s3cret-am".utf8).base64EncodedString())
        let status = try Eventsdash.run(["status", "--workdir", workdir.path])
        #expect(!status.stdout.contains("s3cret"))
    }

    @Test(.enabled(if: RealAlertmanager.installed || RealTool.required, "needs prometheus-alertmanager (scripts/setup --tests)"))
    func aFloodOfProblemsReachesAlertmanagerBoundedAndPrintable() throws {
        try #require(RealAlertmanager.installed, "CI is set but prometheus-alertmanager is not installed: run scripts/setup --tests")
        let receiver = try RecordingWebhookServer()
        defer { receiver.shutdown() }
        let alertmanager = try RealAlertmanager(receiver: receiver.url)
        defer { alertmanager.stop() }
        let recorder = try RecordingWebhookServer()  // a second "Alertmanager" that keeps each request
        defer { recorder.shutdown() }
        let workdir = TemporaryDirectory()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--cluster-poll-interval", "0", "--alertmanager", alertmanager.url, "--alertmanager", "http://127.0.0.1:\(recorder.port)"])
        defer { serve.stop() }
        let hostile = "gv\u{1B}[2J\u{0}\u{7F}\u{202E}x"
        for index in 0..<2_000 {
            sendRaw("1796070888 76 peer=evil;volume=junk\(index % 10);brick=/b\(index)", port: serve.port)
            if index % 500 == 499 { usleep(20_000) }
        }
        sendRaw("1796070889 80 volume=\(hostile)", port: serve.port)
        let firing = alerts(alertmanager, within: 60) { alerts in
            alerts.contains { ($0["labels"] as? [String: String])?["alertname"] == "GlusterQuorumLost" }
                && alerts.contains { ($0["annotations"] as? [String: String])?["count"] != nil }
        }
        #expect(!firing.isEmpty && firing.count <= 200, "\(firing.count) alerts")
        let labels = firing.compactMap { $0["labels"] as? [String: String] }
        let quorum = labels.first { $0["alertname"] == "GlusterQuorumLost" }
        #expect(quorum?["severity"] == "critical" && quorum?["volume"] == #"gv\x1b[2J\x00\x7f\u202ex"#, "\(quorum ?? [:])")
        let grouped = firing.filter { ($0["labels"] as? [String: String])?["grouped"] == "true" }
        let counted = grouped.compactMap { ($0["annotations"] as? [String: String])?["count"].flatMap { Int($0) } }.reduce(0, +)
        #expect(!grouped.isEmpty && counted + labels.count - grouped.count <= 2_001, "\(grouped.count) groups, \(counted) problems in them")
        for label in labels {
            for value in label.values {
                #expect(!value.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }, "\(value)")
            }
        }
        #expect(!recorder.requests.isEmpty && recorder.requests.allSatisfy { $0.body.utf8.count <= 1 << 20 })
        let largest = recorder.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [Any] }.map(\.count).max()
        #expect((largest ?? 0) <= 300, "\(largest ?? 0) alerts in one request")
    }

    @Test(.enabled(if: RealAlertmanager.installed || RealTool.required, "needs prometheus-alertmanager (scripts/setup --tests)"))
    func aRealAlertmanagerReceivesGroupsAndResolvesTheAlerts() throws {
        try #require(RealAlertmanager.installed, "CI is set but prometheus-alertmanager is not installed: run scripts/setup --tests")
        let receiver = try RecordingWebhookServer()
        defer { receiver.shutdown() }
        let alertmanager = try RealAlertmanager(receiver: receiver.url)
        defer { alertmanager.stop() }
        let workdir = TemporaryDirectory()
        // The other of an "HA pair" is down: the real one hears all the same, as promptly.
        let down = "http://127.0.0.1:\(freeTCPPortForLater())"
        let metricsPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(),
            extraArguments: [
                "--cluster-poll-interval", "0", "--alertmanager", alertmanager.url + "/", "--alertmanager", down, "--metrics", "\(metricsPort)",
            ])
        defer { serve.stop() }

        send(lines: 16, 18, to: serve)  // BRICK_DISCONNECTED b1, b2 of gv0
        let firing = alerts(alertmanager, within: 10) { $0.count == 2 }
        let labels = firing.compactMap { $0["labels"] as? [String: String] }.sorted { $0["brick"] ?? "" < $1["brick"] ?? "" }
        #expect(labels.map { $0["brick"] } == ["/bricks/gv0/b1", "/bricks/gv0/b2"], "\(alertmanager.alertsText())")
        for label in labels {
            #expect(label["alertname"] == "GlusterBrickDown" && label["volume"] == "gv0" && label["peer"] == "vm")
            #expect(label["severity"] == "warning" && label["problem"] == "brick-down/vm:" + (label["brick"] ?? ""))
            #expect(label["node"]?.isEmpty == false)
        }
        #expect(firing.allSatisfy { ($0["status"] as? [String: Any])?["state"] as? String == "active" })
        let summaries = firing.compactMap { ($0["annotations"] as? [String: String])?["summary"] }.sorted()
        #expect(summaries == ["brick down: vm:/bricks/gv0/b1 (gv0)", "brick down: vm:/bricks/gv0/b2 (gv0)"])

        // Grouped by alertname and volume: one notification with both bricks.
        #expect(waitFor(timeout: 15) { !notifications(receiver).isEmpty })
        let first = try #require(notifications(receiver).first)
        #expect(first["status"] as? String == "firing")
        #expect((first["alerts"] as? [Any])?.count == 2, "\(first)")
        #expect(first["groupLabels"] as? [String: String] == ["alertname": "GlusterBrickDown", "volume": "gv0"])

        // engine.json tells the sends within a second
        var figures: [String: [String: Any]] = [:]
        #expect(waitFor(timeout: 5) {
            figures = serve.engineStatus()?["alertmanager"] as? [String: [String: Any]] ?? [:]
            return (figures[alertmanager.url]?["sent"] as? Int ?? 0) >= 1 && (figures[down]?["failed"] as? Int ?? 0) >= 1
        })
        let sent = try #require(figures[alertmanager.url])
        #expect(sent["failing"] as? Bool == false && (sent["sent"] as? Int ?? 0) >= 1 && sent["failed"] as? Int == 0, "\(figures)")
        let refused = try #require(figures[down])
        #expect(refused["failing"] as? Bool == true && (refused["failed"] as? Int ?? 0) >= 1 && refused["sent"] as? Int == 0, "\(figures)")
        let text = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(text.contains("Alertmanager \(alertmanager.url): ok, requests taken "), "\(text)")
        #expect(text.contains("Alertmanager \(down): failing, requests taken 0, failed "), "\(text)")
        // And in /metrics, for Prometheus to alert on.
        let page = httpRequest("GET", "http://127.0.0.1:\(metricsPort)/metrics")?.body ?? ""
        #expect(MetricsEndToEndTests.sample(page, "eventsdash_alertmanager_failing{alertmanager=\"\(down)\"}") == 1, "\(page)")
        #expect(MetricsEndToEndTests.sample(page, "eventsdash_alertmanager_failing{alertmanager=\"\(alertmanager.url)\"}") == 0)
        #expect((MetricsEndToEndTests.sample(page, "eventsdash_alertmanager_requests_total{alertmanager=\"\(alertmanager.url)\"}") ?? 0) >= 1)

        send(lines: 19, 20, to: serve)  // BRICK_CONNECTED b1, b2: both resolve
        let after = alerts(alertmanager, within: 10) { $0.isEmpty }
        #expect(after.isEmpty, "\(alertmanager.alertsText())")
        #expect(
            waitFor(timeout: 15) {
                notifications(receiver).contains { $0["status"] as? String == "resolved" && ($0["alerts"] as? [Any])?.count == 2 }
            }, "\(notifications(receiver))")
        let log = serve.stop()
        #expect(log.components(separatedBy: "alertmanager \(down) is failing: ").count == 2, "told once: \(log)")
    }

    /// A problem muted in eventsdash stops being sent: its alert ends in Alertmanager; unmuted, it
    /// fires again.
    @Test(.enabled(if: RealAlertmanager.installed || RealTool.required, "needs prometheus-alertmanager (scripts/setup --tests)"))
    func aMutedProblemEndsInAlertmanagerAndFiresAgainWhenUnmuted() throws {
        try #require(RealAlertmanager.installed, "CI is set but prometheus-alertmanager is not installed: run scripts/setup --tests")
        let receiver = try RecordingWebhookServer()
        defer { receiver.shutdown() }
        let alertmanager = try RealAlertmanager(receiver: receiver.url)
        defer { alertmanager.stop() }
        let workdir = TemporaryDirectory()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), extraArguments: ["--cluster-poll-interval", "0", "--alertmanager", alertmanager.url])
        defer { serve.stop() }
        let brick = { (alerts: [[String: Any]]) in alerts.compactMap { ($0["labels"] as? [String: String])?["brick"] } }

        send(lines: 16, 18, to: serve)  // b1 and b2 down
        #expect(brick(alerts(alertmanager, within: 10) { $0.count == 2 }).sorted() == ["/bricks/gv0/b1", "/bricks/gv0/b2"])
        let mute = try Eventsdash.run(["health", "mute", "brick-down/vm:/bricks/gv0/b1", "--for", "1h", "--workdir", workdir.path])
        #expect(mute.status == 0, "\(mute.stderr)")
        #expect(brick(alerts(alertmanager, within: 10) { $0.count == 1 }) == ["/bricks/gv0/b2"], "\(alertmanager.alertsText())")
        let unmute = try Eventsdash.run(["health", "unmute", "brick-down/vm:/bricks/gv0/b1", "--workdir", workdir.path])
        #expect(unmute.status == 0, "\(unmute.stderr)")
        #expect(alerts(alertmanager, within: 10) { $0.count == 2 }.count == 2, "\(alertmanager.alertsText())")
    }
}
