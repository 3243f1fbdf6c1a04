import ClusterHealth
import GlusterEvents
import Testing

/// Anyone who can send a datagram can invent bricks and volumes: what they invent must not hide
/// what is real, nor cost what it likes.
@Suite struct ForgedEventsTests {
    static var small: ClusterHealth.Settings {
        var settings = ClusterHealth.Settings()
        settings.maxProblems = 100
        settings.maxUnverified = 10
        settings.maxListed = 20
        return settings
    }

    static func forged(_ index: Int, at time: Double = 10) -> HealthEvent {
        HealthEvents.event("BRICK_DISCONNECTED", "peer=evil;volume=junk;brick=/b\(index)", at: time)
    }

    /// Nothing known of the cluster (no gluster CLI): a full table of warnings still takes a
    /// critical problem, in the place of the oldest warning.
    @Test func aCriticalProblemIsNeverDroppedForAWarning() {
        var health = ClusterHealth(settings: Self.small)
        for index in 0..<150 { health.apply(Self.forged(index, at: 10 + Double(index))) }
        #expect(health.report(at: 200).untracked == 50)
        health.apply(HealthEvents.event("QUORUM_LOST", "volume=gv0", at: 300))
        let report = health.report(at: 400)
        #expect(report.status == .critical && report.problems.first?.id.description == "quorum-lost/gv0")
        #expect(report.untracked == 51)  // the oldest forged brick made way
        #expect(report.problems.count == 20 && report.notListed == 80)  // listed: the worst, then the newest
        // another warning finds no room: the critical stays
        health.apply(Self.forged(999, at: 500))
        #expect(health.report(at: 501).problems.first?.id.description == "quorum-lost/gv0")
    }

    /// Past the problems listed, the rest are counted by severity (and muted apart), so that the
    /// check's figures count every problem; health.json carries the counts.
    @Test func problemsNotListedAreCountedBySeverity() throws {
        var health = ClusterHealth(settings: Self.small)
        for index in 0..<30 { health.apply(HealthEvents.event("QUORUM_LOST", "volume=gv\(index)", at: 10 + Double(index))) }
        for index in 0..<10 { health.apply(Self.forged(index, at: 5)) }
        health.decide(.mute(try #require(ProblemID("quorum-lost/gv0")), seconds: 3600), at: 50)
        let report = health.report(at: 60)
        // listed: the 20 newest critical ones; not: the 10 oldest (one muted) and the 10 warnings
        #expect(report.problems.count == 20 && report.problems.allSatisfy { $0.severity == .critical })
        #expect(report.notListed == 20 && report.notListedCritical == 9 && report.notListedMuted == 1)
        let decoded = try #require(HealthReport(json: report.json))
        #expect(decoded.notListed == 20 && decoded.notListedCritical == 9 && decoded.notListedMuted == 1)
    }

    /// Once gluster has said which volumes and bricks there are, what it does not know is
    /// unverified: a warning at most, within a budget of its own; the real ones keep their room.
    @Test func withTheTopologyKnownInventedEntitiesAreUnverifiedAndBoundedApart() {
        var health = ClusterHealth(settings: Self.small)
        var volume = VolumeStateTests.volume(VolumeStateTests.replica3)
        volume.name = "gv0"
        health.reconcile(.observed(ObservedCluster(volumes: [volume], peers: nil)), at: 1, node: "n")
        for index in 0..<50 { health.apply(Self.forged(index)) }
        health.apply(HealthEvents.event("QUORUM_LOST", "volume=junk", at: 11))  // a volume gluster does not have
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", "peer=h;volume=gv0;brick=/b0", at: 12))
        health.apply(HealthEvents.event("QUORUM_LOST", "volume=gv0", at: 13))
        let report = health.report(at: 20)
        let unverified = report.problems.filter(\.unverified)
        #expect(unverified.count == 10 && report.untracked == 41)  // 50 bricks and the quorum of junk: 10 kept
        #expect(unverified.allSatisfy { $0.severity == .warning && $0.entity.volume == "junk" })
        #expect(report.problems.first?.id.description == "quorum-lost/gv0" && report.problems.first?.severity == .critical)
        #expect(report.problems.contains { $0.id.description == "brick-down/h:/b0" && !$0.unverified })
        #expect(report.status == .critical)
        // the JSON says which are unverified
        #expect(report.json["problems"]?.arrayValues?.filter { $0["unverified"]?.boolValue == true }.count == 10)
    }

    /// With nothing but forged problems, the status is a warning, never critical: a forged
    /// QUORUM_LOST for a volume gluster does not have pages no one.
    @Test func forgedProblemsAloneNeverPage() {
        var health = ClusterHealth(settings: Self.small)
        health.reconcile(.observed(ObservedCluster(volumes: [VolumeStateTests.volume(VolumeStateTests.distribute)], peers: nil)), at: 1, node: "n")
        health.apply(HealthEvents.event("QUORUM_LOST", "volume=junk", at: 2))
        health.apply(HealthEvents.event("AFR_SPLIT_BRAIN", "subvol=junk-replicate-0;file=/x", at: 2))
        let report = health.report(at: 30)
        #expect(report.status == .warning && report.problems.count == 2 && report.problems.allSatisfy(\.unverified))
    }
}
