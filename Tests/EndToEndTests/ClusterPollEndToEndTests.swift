import Foundation
import Testing
import TestSupport

/// The cluster poll end to end, on a gluster CLI that answers with the real captures
/// (`FakeGlusterCLI`): what no event tells — the volumes' types and states, a brick down, the
/// bricks' file systems, a heal backlog, glusterd gone — in `health`, its JSON and `/metrics`.
@Suite struct ClusterPollEndToEndTests {
    static let promtool = MetricsEndToEndTests.promtool

    private func health(_ workdir: TemporaryDirectory, _ arguments: String..., environment: [String: String]) -> Eventsdash.Result {
        (try? Eventsdash.run(["health", "--workdir", workdir.path] + arguments, environment: environment))
            ?? Eventsdash.Result(status: -1, stdout: "", stderr: "")
    }

    private func volumes(_ result: Eventsdash.Result) -> [String: [String: Any]] {
        let report = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        let list = report?["volumes"] as? [[String: Any]] ?? []
        return Dictionary(list.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test(.enabled(if: RealTool.installed(promtool) || RealTool.required, "needs Debian's prometheus (scripts/setup --tests)"))
    func whatGlusterSaysReachesHealthAndMetrics() throws {
        try #require(RealTool.installed(Self.promtool), "CI is set but promtool is not installed: run scripts/setup --tests")
        let gluster = try FakeGlusterCLI()
        gluster.answer("status", with: "status-detail-rv-b1-down.xml")
        gluster.answer("heal-rv", with: "heal-summary-rv-pending.xml")
        gluster.answer("heal-ev", with: "heal-summary-ev.xml")
        gluster.answer("rebalance-dv", with: "rebalance-dv-completed.xml")
        gluster.answer("quota-dv", with: "quota-list-dv.xml")
        let workdir = TemporaryDirectory()
        let metricsPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--cluster-poll-interval", "1", "--heal-poll-interval", "1", "--metrics", "\(metricsPort)"],
            environment: gluster.environment)
        defer { serve.stop() }

        var result = health(workdir, "--json", environment: gluster.environment)
        #expect(waitFor(timeout: 15) {
            result = health(workdir, "--json", environment: gluster.environment)
            return volumes(result)["rv"]?["heal_pending"] as? Int == 43
        }, "\(result.stdout)")
        let listed = volumes(result)
        #expect(result.status == 1, "\(result.stdout)")  // a replica brick down: DEGRADED, a warning
        #expect(listed["rv"]?["type"] as? String == "replicate" && listed["rv"]?["state"] as? String == "DEGRADED")
        #expect(listed["dv"]?["type"] as? String == "distribute" && listed["dv"]?["state"] as? String == "UP")
        #expect((listed["dv"]?["rebalance"] as? [String: Any])?["status"] as? String == "completed", "\(listed["dv"] ?? [:])")
        #expect((listed["dv"]?["quota"] as? [[String: Any]])?.first?["hard_limit"] as? Int == 10_737_418_240)
        #expect(listed["ev"]?["type"] as? String == "disperse" && listed["ev"]?["heal_pending"] as? Int == 0)
        let rvBricks = listed["rv"]?["bricks"] as? [[String: Any]] ?? []
        #expect(rvBricks.map { $0["online"] as? Bool } == [false, true, true])
        #expect(rvBricks.map { $0["heal_pending"] as? Int } == [nil, 43, 43])
        #expect(rvBricks.first?["size_free"] as? Int == 250_660_503_552)  // as volume status detail says
        let problems = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["problems"] as? [[String: Any]]
        #expect(problems?.map { $0["id"] as? String } == ["brick-down/vm:/bricks/rv/b1"] && problems?.first?["reconciled"] as? Bool == true)

        let page = httpRequest("GET", "http://127.0.0.1:\(metricsPort)/metrics")?.body ?? ""
        let check = try Command.run(Self.promtool, ["check", "metrics"], stdin: page)
        #expect(check.status == 0, "promtool: \(check.stdout)\(check.stderr)")
        let b1 = #"{volume="rv",host="vm",brick="/bricks/rv/b1"}"#
        #expect(MetricsEndToEndTests.sample(page, "eventsdash_brick_up" + b1) == 0)
        #expect(MetricsEndToEndTests.sample(page, "eventsdash_brick_free_bytes" + b1) == 250_660_503_552)
        #expect(MetricsEndToEndTests.sample(page, #"eventsdash_brick_heal_pending_entries{volume="rv",host="vm",brick="/bricks/rv/b2"}"#) == 43)
        #expect(MetricsEndToEndTests.sample(page, #"eventsdash_volume_heal_pending_entries{volume="rv"}"#) == 43)
        #expect(MetricsEndToEndTests.sample(page, #"eventsdash_volume_state{volume="rv",state="DEGRADED"}"#) == 1)
        #expect(MetricsEndToEndTests.sample(page, "eventsdash_gluster_up") == 1)

        // glusterd stops: a critical problem of its own, what it vouched for UNKNOWN
        gluster.glusterdStops()
        #expect(waitFor(timeout: 10) { health(workdir, environment: gluster.environment).stdout.contains("glusterd not answering") })
        let down = health(workdir, "--json", environment: gluster.environment)
        #expect(down.status == 2 && volumes(down)["dv"]?["state"] as? String == "UNKNOWN", "\(down.stdout)")
        #expect(volumes(down)["rv"]?["state"] as? String == "DEGRADED")  // what it last said of rv is worse than unknown
        let after = httpRequest("GET", "http://127.0.0.1:\(metricsPort)/metrics")?.body ?? ""
        #expect(MetricsEndToEndTests.sample(after, "eventsdash_gluster_up") == 0)
        // and with no engine and no glusterd: nothing can tell
        serve.stop()
        let nothing = health(workdir, environment: gluster.environment)
        #expect(nothing.status == 3 && nothing.stdout.hasPrefix("HEALTH UNKNOWN - no engine runs on this workdir and glusterd did not answer"))
    }

    /// A geo-rep worker gone faulty while no event reached this engine (it was down, or the
    /// worker's node sent it elsewhere): the poll finds it, and finds it recover.
    @Test func aFaultyGeoReplicationWorkerIsFoundByPolling() throws {
        let gluster = try FakeGlusterCLI()
        gluster.answer("info", with: "georep-volume-info.xml")
        gluster.answer("status", with: "georep-status-detail.xml")
        gluster.answer("georep-mv", with: "georep-status-mv-faulty.xml")
        let workdir = TemporaryDirectory()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--cluster-poll-interval", "1", "--heal-poll-interval", "1"], environment: gluster.environment)
        defer { serve.stop() }

        var result = health(workdir, "--json", environment: gluster.environment)
        #expect(waitFor(timeout: 30) {
            result = health(workdir, "--json", environment: gluster.environment)
            return result.status == 2
        }, "\(result.stdout)")
        let report = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        let problems = report?["problems"] as? [[String: Any]] ?? []
        #expect(problems.map { $0["id"] as? String } == ["georep-faulty/mv:vm:sv:vm:/bricks/geo-m/b"], "\(result.stdout)")
        #expect(problems.first?["reconciled"] as? Bool == true && problems.first?["severity"] as? String == "critical")
        let workers = volumes(result)["mv"]?["geo_replication"] as? [[String: Any]] ?? []
        #expect(workers.map { $0["status"] as? String } == ["Faulty"] && workers.first?["secondary"] as? String == "vm::sv")
        #expect(health(workdir, environment: gluster.environment).stdout.contains("geo-replication faulty: mv → vm::sv (vm:/bricks/geo-m/b)"))

        gluster.answer("georep-mv", with: "georep-status-mv-active.xml")
        #expect(waitFor(timeout: 30) { health(workdir, environment: gluster.environment).status == 0 })
        let history = try Eventsdash.run(["health", "history", "--workdir", workdir.path], environment: gluster.environment)
        #expect(history.stdout.contains("geo-replication faulty"), "\(history.stdout)")
    }
}

/// The cluster view in a real terminal, on the captures: `v` opens it, at 80×24 too.
@Suite struct ClusterViewEndToEndTests {
    @Test func theClusterViewShowsVolumesSetsAndBricksAt80By24() throws {
        let gluster = try FakeGlusterCLI()
        gluster.answer("status", with: "status-detail-rv-b1-down.xml")
        gluster.answer("heal-rv", with: "heal-summary-rv-pending.xml")
        gluster.answer("heal-ev", with: "heal-summary-ev.xml")
        let dashboard = try DashboardInteractionTests.Dashboard(
            columns: 80, rows: 24, environment: "EVENTSDASH_GLUSTER_CLI=\(gluster.path)", arguments: "--heal-poll-interval 1")
        let tmux = dashboard.tmux
        try tmux.waitForScreen { $0.contains("rv DEGRADED: 1/3 bricks down") }
        try tmux.send("v")
        let view = try tmux.waitForScreen {
            $0.contains("▶ CLUSTER  3 volumes") && $0.contains("replica set 0") && $0.contains("gluster CLI answered")
                && (dashboard.line(containing: "vm:/bricks/rv/b2", in: $0)?.contains(" 43") ?? false)
        }
        let b1 = dashboard.line(containing: "vm:/bricks/rv/b1", in: view) ?? ""
        #expect(b1.contains("DOWN") && b1.contains("7% of 251G"), "\(view)")
        let rows = view.split(separator: "\n")
        #expect(rows.first { $0.hasPrefix("rv ") }?.contains("replicate") == true, "\(view)")
        #expect(rows.first { $0.hasPrefix("dv ") }?.contains("distribute") == true, "\(view)")
        try tmux.send("Escape")
        let back = try tmux.waitForScreen { $0.contains("▶ EVENTS") }
        #expect(!back.contains("CLUSTER  3 volumes"))
        try tmux.send("q")
    }
}
