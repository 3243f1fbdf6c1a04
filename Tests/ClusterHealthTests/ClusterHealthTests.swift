import ClusterHealth
import GlusterEvents
import Testing

@Suite struct ClusterHealthTests {
    let b1Down = HealthEvents.event("BRICK_DISCONNECTED", "peer=vm;volume=gv0;brick=/bricks/gv0/b1")
    let b1Up = HealthEvents.event("BRICK_CONNECTED", "peer=vm;volume=gv0;brick=/bricks/gv0/b1")

    private func at(_ event: HealthEvent, _ time: Double) -> HealthEvent {
        var event = event
        event.time = time
        return event
    }

    /// The real capture: each step of the fixture's README, as the model sees it.
    @Test func theRealBrickFailuresAddUp() throws {
        let events = try HealthEvents.brickFailures()
        var health = ClusterHealth()
        func after(_ count: Int) -> [String] {
            health = ClusterHealth()
            health.apply(Array(events.prefix(count)))
            return health.openProblems(at: 1_100)
        }
        #expect(after(11).isEmpty)  // 1: created and started, all up
        #expect(health.report(at: 1_100).volumes.map(\.state) == [.up])
        #expect(health.report(at: 1_100).volumes.first?.brickCount == 3)
        #expect(after(12) == ["brick-down/vm:/bricks/gv0/b1"])  // 2: b1 killed
        let volume = try #require(health.report(at: 1_100).volumes.first)
        #expect(volume.state == .degraded && volume.bricksDown == 1 && volume.brickCount == 3 && volume.since == 1_011)
        #expect(after(15).isEmpty)  // 3: start force
        #expect(after(18) == ["brick-down/vm:/bricks/gv0/b1", "brick-down/vm:/bricks/gv0/b2", "client-quorum-lost/gv0-replicate-0"])
        #expect(health.report(at: 1_100).status == .critical)
        #expect(health.report(at: 1_100).problems.first?.id.kind == .clientQuorumLost)  // the worst first
        // the replica set below quorum: its files read-only (no topology known: the events tell)
        #expect(health.report(at: 1_100).volumes.map(\.state) == [.partial])
        #expect(after(24).isEmpty)  // 5: start force
        #expect(after(27).isEmpty)  // 6: stopped: what glusterd says while stopping is no problem
        #expect(health.report(at: 1_100).volumes.map(\.state) == [.stopped])
        #expect(after(28).isEmpty && health.report(at: 1_100).volumes.isEmpty)  // 7: deleted
        #expect(health.report(at: 1_100).problems.isEmpty)  // what flapped before goes with it
        // b1 went down twice within seconds (killed, started with force, killed again): 4 changes in
        // one 15 s look, as Nagios would see it — an admin at work, not flapping.
        _ = after(24)
        #expect(health.report(at: 1_100).problems.isEmpty && health.report(at: 1_100).status == .ok)
    }

    /// As Nagios does it: the share of 15 s looks (21 of them, newer weighing more) in which it
    /// changed; flapping from 20%, till under 5%.
    @Test func flappingIsCountedInTheWindow() {
        var health = ClusterHealth()
        for (index, time) in [0.0, 60, 120, 180, 240].enumerated() { health.apply(at(index % 2 == 0 ? b1Down : b1Up, time)) }
        let problem = health.report(at: 300).problems.first
        #expect(problem?.isOpen == true && problem?.flaps == 5 && problem?.flapping == true)
        // 120, 180 and 240 are left in the 5¼-minute window: 13%, under the 20% to start flapping
        // but over the 5% to stop: it flapped a moment ago, so it still does (hysteresis)
        #expect(health.report(at: 400).problems.first?.flaps == 3 && health.report(at: 400).problems.first?.flapping == true)
        // 240 alone: 4%, it stops (it opened at 240 and is still open)
        #expect(health.report(at: 520).problems.first?.flapping == false)
        #expect(health.report(at: 700).problems.first?.flaps == 0)
        #expect(health.report(at: 700).problems.first?.summary == "brick down: vm:/bricks/gv0/b1 (gv0)")
    }

    /// "Third time this hour": more openings this hour than the hour before is getting worse.
    @Test func aProblemOpeningMoreOftenIsGettingWorse() {
        var health = ClusterHealth()
        health.apply([at(b1Down, 0), at(b1Up, 10)])  // once in the hour before
        for start in [4_000.0, 5_000, 6_000] { health.apply([at(b1Down, start), at(b1Up, start + 10)]) }
        health.apply(at(b1Down, 7_000))
        let problem = health.report(at: 7_100).problems.first
        #expect(problem?.openedInTrendWindow == 4 && problem?.gettingWorse == true)
        var steady = ClusterHealth()
        steady.apply([at(b1Down, 0), at(b1Up, 10), at(b1Down, 3_700)])
        #expect(steady.report(at: 3_700).problems.first?.gettingWorse == false)  // once an hour, as before
    }

    @Test func aMuteHidesAProblemFromTheStatusUntilItExpires() throws {
        var health = ClusterHealth()
        health.apply(at(b1Down, 100))
        let id = try #require(ProblemID("brick-down/vm:/bricks/gv0/b1"))
        health.decide(.mute(id, seconds: 3_500), at: 200)
        #expect(health.report(at: 300).problems.first?.mutedUntil == 3_700)
        #expect(health.report(at: 300).status == .ok)
        #expect(health.report(at: 3_700).problems.first?.muted == false)  // expired
        #expect(health.report(at: 3_700).status == .warning)
        health.prune(at: 3_700)
        #expect(health.decisions.mutes.isEmpty)
    }

    /// As `ceph health mute`: a muted problem that gets worse (opens again) is unmuted.
    @Test func aMuteIsLiftedWhenTheProblemGetsWorse() throws {
        var health = ClusterHealth()
        health.apply(at(b1Down, 100))
        let id = try #require(ProblemID("brick-down/vm:/bricks/gv0/b1"))
        health.decide(.mute(id, seconds: 99_800), at: 200)
        health.apply(at(b1Up, 300))
        #expect(health.report(at: 400).problems.isEmpty)
        health.apply(at(b1Down, 500))
        #expect(health.report(at: 600).problems.first?.muted == false)
        #expect(health.report(at: 600).status == .warning)
        health.decide(.unmute(id), at: 650)
        health.decide(.mute(id, seconds: 99_300), at: 700)
        #expect(health.report(at: 800).problems.first?.muted == true)
        // Read back after a restart, the mute still holds, and is still lifted by a new opening.
        var restarted = ClusterHealth(decisions: HealthDecisions(json: health.decisions.json))
        restarted.apply([at(b1Down, 100), at(b1Up, 300), at(b1Down, 500)])
        #expect(restarted.report(at: 800).problems.first?.muted == true)
        restarted.apply([at(b1Up, 900), at(b1Down, 950)])
        #expect(restarted.report(at: 1_000).problems.first?.muted == false)
    }

    /// Decisions another process recorded (`eventsdash health ack` beside a running engine) apply
    /// when adopted: the acknowledged problem closes, the mute shows.
    @Test func decisionsRecordedElsewhereAreAdopted() throws {
        var health = ClusterHealth()
        health.apply([HealthEvents.event("BITROT_BAD_FILE", "gfid=g;path=/x;brick=/b", at: 100), at(b1Down, 100)])
        var elsewhere = HealthDecisions()
        elsewhere.record(.acknowledge(try #require(ProblemID("bitrot-bad-file/\(HealthEvents.node):/b:/x"))), at: 150)
        elsewhere.record(.mute(try #require(ProblemID("brick-down/vm:/bricks/gv0/b1")), seconds: 600), at: 150)
        health.adopt(elsewhere)
        let report = health.report(at: 200)
        #expect(report.problems.map(\.id.description) == ["brick-down/vm:/bricks/gv0/b1"] && report.problems[0].muted)
        #expect(report.status == .ok)
    }

    /// A brick down before eventsdash started is found by `gluster volume status`, and a state the
    /// events missed is corrected; both are marked as found so.
    @Test func reconciliationOpensAndClosesWhatTheEventsMissed() throws {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", "peer=vm;volume=gv1;brick=/c1", at: 50))
        health.apply(HealthEvents.event("PEER_DISCONNECT", "peer=node3;uuid=u;state=Peer in Cluster", at: 50))
        let gv0 = ObservedCluster.Volume(
            name: "gv0", status: .started, layout: VolumeLayout(brickCount: 3, replicaCount: 3),
            bricks: [
                .init(host: "vm", path: "/bricks/gv0/b1", online: false), .init(host: "node2", path: "/bricks/gv0/b2", online: true),
                .init(host: "vm", path: "/bricks/gv0/b3", online: true),
            ])
        var gv1 = ObservedCluster.Volume(
            name: "gv1", status: .started, layout: VolumeLayout(brickCount: 1), bricks: [.init(host: "vm", path: "/c1", online: true)])
        let observed = ObservedCluster(volumes: [gv0, gv1], peers: [.init(host: "node2", connected: false), .init(host: "node3", connected: true)])
        health.reconcile(.observed(observed), at: 100, node: "n1")
        #expect(health.openProblems() == ["brick-down/vm:/bricks/gv0/b1", "peer-disconnected/node2"])
        let brick = try #require(health.report(at: 200).problems.first { $0.id.kind == .brickDown })
        #expect(brick.reconciled && brick.since == 100)
        let report = health.report(at: 200)
        #expect(report.volumes.map { "\($0.name) \($0.state.rawValue) \($0.bricksDown)/\($0.brickCount ?? 0)" } == ["gv0 DEGRADED 1/3", "gv1 UP 0/1"])
        #expect(report.peers?.known == 2 && report.peers?.connected == 1)
        #expect(report.sources.gluster.state == .answered && report.sources.gluster.lastAnswer == 100)
        // gv1 stopped since: its problems are no problems.
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", "peer=vm;volume=gv1;brick=/c1", at: 300))
        gv1.status = .stopped
        health.reconcile(.observed(ObservedCluster(volumes: [gv0, gv1], peers: nil)), at: 400, node: "n1")
        #expect(health.openProblems() == ["brick-down/vm:/bricks/gv0/b1", "peer-disconnected/node2"])
        #expect(health.report(at: 500).volumes.last?.state == .stopped)
    }

    @Test func aTypeFarAboveItsUsualRateIsABurst() {
        var health = ClusterHealth()
        for minute in 0..<60 {  // two a minute for an hour
            for second in [0.0, 30] { health.apply(HealthEvents.event("CLIENT_CONNECT", at: Double(minute) * 60 + second)) }
        }
        #expect(health.report(at: 3_599).bursts.isEmpty)
        for second in 0..<100 { health.apply(HealthEvents.event("CLIENT_CONNECT", at: 3_600 + Double(second) * 0.5)) }
        let burst = health.report(at: 3_660).bursts.first
        #expect(burst?.event == "CLIENT_CONNECT" && burst?.perMinute == 100)
        #expect((burst?.usualPerMinute ?? 0) > 1 && (burst?.usualPerMinute ?? 0) < 3)
        #expect(health.report(at: 3_800).bursts.isEmpty)  // over
    }

    /// Entities come from outside: the model follows at most `maxProblems`, counts the rest, and
    /// cuts long names.
    @Test func theTableIsBounded() {
        var settings = ClusterHealth.Settings()
        settings.maxProblems = 100
        var health = ClusterHealth(settings: settings)
        for index in 0..<150 { health.apply(HealthEvents.event("QUORUM_LOST", "volume=v\(index)", at: Double(index))) }
        #expect(health.report(at: 200).problems.count == 100 && health.untracked == 50)
        health.apply(HealthEvents.event("QUORUM_LOST", "volume=" + String(repeating: "é", count: 1_000), at: 300))
        #expect(health.untracked == 51)
        // Volumes and peers named by long names from outside: counted, and cut.
        var small = ClusterHealth.Settings()
        (small.maxVolumes, small.maxPeers) = (20, 10)
        var named = ClusterHealth(settings: small)
        let long = String(repeating: "x", count: 1_000)
        for index in 0..<30 {
            named.apply(HealthEvents.event("VOLUME_CREATE", "name=\(index)\(long);bricks= a:/\(long) b:/\(long)", at: 1))
            named.apply(HealthEvents.event("PEER_ATTACH", "host=\(index)\(long)", at: 1))
        }
        let volumes = named.report(at: 2).volumes
        #expect(volumes.count == 20 && volumes.allSatisfy { $0.name.utf8.count == 256 && $0.brickCount == 2 })
        #expect(named.report(at: 2).peers?.known == 10)
        var roomy = ClusterHealth()
        roomy.apply(HealthEvents.event("QUORUM_LOST", "volume=" + String(repeating: "é", count: 1_000), at: 300))
        #expect(roomy.report(at: 300).problems.first?.entity["volume"]?.utf8.count == 256)
    }

    /// Times from outside cannot make the arithmetic trap.
    @Test func anyTimeIsSafe() {
        var health = ClusterHealth()
        for time in [Double.nan, .infinity, -.infinity, 9.3e18, -9.3e18, 0] {
            health.apply(at(b1Down, time))
            health.apply(at(b1Up, time))
            _ = health.report(at: time)
        }
    }
}

@Suite struct HealthReportJSONTests {
    /// What the engine publishes reads back the same (the commands and attached dashboards use it).
    @Test func theReportReadsBackAsItWasWritten() throws {
        var health = ClusterHealth()
        health.apply(try HealthEvents.brickFailures().prefix(18).map { $0 })
        health.apply(HealthEvents.event("PEER_DISCONNECT", "peer=node2;uuid=u;state=Peer in Cluster", at: 1_020))
        health.decide(.mute(try #require(ProblemID("peer-disconnected/node2")), seconds: 3_979), at: 1_021)
        let report = health.report(at: 1_030)
        let text = report.json.encoded()
        #expect(text.contains(#""kind": "brick-down""#) && text.contains(#""entity": {"brick": "/bricks/gv0/b1", "peer": "vm", "volume": "gv0"}"#))
        #expect(text.contains(#""status": "CRITICAL""#) && text.contains(#""muted_until": 5000"#))
        #expect(HealthReport(json: try JSONValue.parse(text)) == report)
        #expect(HealthReport(json: try JSONValue.parse(#"{"problems": 3}"#)) == nil)
    }
}
