import ClusterHealth
import GlusterEvents
import Testing

/// A planned `gluster volume stop`: glusterd reports the replica's client quorum lost and its
/// subvolume down 2–3 s before VOLUME_STOP. Explained within the settle window, they never happened.
@Suite struct PlannedOperationTests {
    /// Lines 25–27 of the capture (quorum fail, subvolumes down, VOLUME_STOP), sent again `cycles`
    /// times with a VOLUME_START and quorum met between, every 10 s.
    static func stopsAndStarts(cycles: Int) throws -> [HealthEvent] {
        let events = try HealthEvents.brickFailures()
        let stop = Array(events[24...26])
        var out = Array(events.prefix(24))
        for cycle in 0..<cycles {
            let base = 1_100 + Double(cycle) * 10
            out += stop.enumerated().map { HealthEvent(name: $1.name, fields: $1.fields, node: $1.node, time: base + Double($0)) }
            out.append(HealthEvents.event("VOLUME_START", "name=gv0;force=0", at: base + 5))
            out.append(HealthEvents.event("AFR_QUORUM_MET", "subvol=gv0-replicate-0", at: base + 6))
        }
        return out
    }

    @Test func aVolumeStopNeverShowsAsCriticalNorFlaps() throws {
        var health = ClusterHealth()
        let events = try Self.stopsAndStarts(cycles: 3)
        health.apply(Array(events.prefix(24)))  // the capture up to the stop: real problems, and b1 flapping
        for event in events.dropFirst(24) {
            health.apply(event)
            // polled as `health` would be, at the moment of each event and just after
            for at in [event.time, event.time + 0.5] {
                #expect(health.report(at: at).status != .critical, "\(event.name) at \(at): \(health.report(at: at).problems.map(\.summary))")
            }
        }
        // once b1's real flapping (1011–1019) is out of the 10-minute window, the stops' is not there
        let after = health.report(at: 1_650)
        #expect(after.problems.isEmpty && after.status == .ok, "\(after.problems.map(\.summary))")
        #expect(after.volumes.map(\.state) == [.up])
    }

    @Test func quorumLostWithNoStopShowsOnceTheWindowHasPassed() {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("AFR_QUORUM_FAIL", "subvol=gv0-replicate-0", at: 100))
        #expect(health.report(at: 104.9).problems.isEmpty && health.report(at: 104.9).status == .ok)
        let shown = health.report(at: 105)
        #expect(shown.problems.map(\.id.description) == ["client-quorum-lost/gv0-replicate-0"] && shown.status == .critical)
        #expect(shown.problems.first?.since == 100)
        // a stop long after is a close, as any other: the problem was real
        health.apply(HealthEvents.event("VOLUME_STOP", "name=gv0", at: 200))
        let closed = health.report(at: 201)
        #expect(closed.problems.isEmpty)
        health.apply(HealthEvents.event("AFR_QUORUM_FAIL", "subvol=gv0-replicate-0", at: 300))
        health.apply(HealthEvents.event("AFR_QUORUM_MET", "subvol=gv0-replicate-0", at: 301))
        health.apply(HealthEvents.event("AFR_QUORUM_FAIL", "subvol=gv0-replicate-0", at: 302))
        #expect(health.report(at: 310).problems.first?.flaps == 5)  // 100 open, 200 close, 300, 301, 302: all in the window
    }

    @Test func aSettleWindowOfZeroShowsAtOnce() {
        var settings = ClusterHealth.Settings()
        settings.settleWindow = 0
        var health = ClusterHealth(settings: settings)
        health.apply(HealthEvents.event("AFR_SUBVOLS_DOWN", "subvol=gv0-replicate-0", at: 100))
        #expect(health.report(at: 100).status == .critical)
    }
}
