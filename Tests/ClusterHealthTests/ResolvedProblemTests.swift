import ClusterHealth
import GlusterEvents
import Testing

/// What the history keeps of each problem that closed: when, for how long, and what told.
@Suite struct ResolvedProblemTests {
    let b1 = "peer=vm;volume=gv0;brick=/bricks/gv0/b1"

    @Test func eachClosingIsKeptWithWhatToldIt() throws {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", b1, at: 100))
        health.apply(HealthEvents.event("BRICK_CONNECTED", b1, at: 160))
        health.apply(HealthEvents.event("AFR_SPLIT_BRAIN", "subvol=gv0-replicate-0;file=/a", at: 200))
        health.decide(.acknowledge(try #require(ProblemID("split-brain/gv0-replicate-0:/a"))), at: 300)
        health.apply(HealthEvents.event("QUOTA_CROSSED_SOFT_LIMIT", "volume=gv0;path=/p", at: 310))
        health.apply(HealthEvents.event("VOLUME_STOP", "name=gv0", at: 320))
        // a brick down found by polling, then up by polling
        var volume = VolumeStateTests.volume(VolumeStateTests.distribute)
        volume.bricks[0].online = false
        health.reconcile(.observed(ObservedCluster(volumes: [volume], peers: nil)), at: 400, node: "n")
        volume.bricks[0].online = true
        health.reconcile(.observed(ObservedCluster(volumes: [volume], peers: nil)), at: 460, node: "n")
        let resolved = health.takeResolved()
        #expect(
            resolved.map { "\($0.id) \(Int($0.opened))-\(Int($0.closed)) \($0.openedBy.rawValue)/\($0.closedBy.rawValue)" } == [
                "brick-down/vm:/bricks/gv0/b1 100-160 event/event", "split-brain/gv0-replicate-0:/a 200-300 event/acknowledged",
                "quota-soft-limit/gv0:/p 310-320 event/volume-stopped", "brick-down/h:/b0 400-460 poll/poll",
            ])
        #expect(resolved.first?.duration == 60 && resolved.first?.summary == "brick down: vm:/bricks/gv0/b1 (gv0)")
        #expect(health.takeResolved().isEmpty)  // taken once
        // a line of the history reads back as it was
        let line = try #require(resolved.first)
        #expect(ResolvedProblem(json: try JSONValue.parse(line.json.encoded())) == line)
    }

    /// What a planned volume stop explains never happened: it is not in the history either.
    @Test func aSettledProblemIsNotHistory() {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("AFR_QUORUM_FAIL", "subvol=gv0-replicate-0", at: 100))
        health.apply(HealthEvents.event("VOLUME_STOP", "name=gv0", at: 102))
        #expect(health.takeResolved().isEmpty)
    }
}
