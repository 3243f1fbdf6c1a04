import ClusterHealth
import GlusterEvents
import Testing

/// A volume's state from its layout and the bricks down, per volume type, as gstatus names them.
@Suite struct VolumeStateTests {
    /// A started volume of `layout`, bricks `h:/b0`, `h:/b1`…; the arbiter every `setSize`-th brick
    /// when the layout has one.
    static func volume(_ layout: VolumeLayout, status: ObservedCluster.Volume.Status = .started) -> ObservedCluster.Volume {
        ObservedCluster.Volume(
            name: "v", status: status, layout: layout,
            bricks: (0..<layout.brickCount).map { index in
                ObservedCluster.Brick(
                    host: "h", path: "/b\(index)", isArbiter: layout.arbiterCount > 0 && index % layout.setSize == layout.setSize - 1, online: true)
            })
    }

    static func state(_ layout: VolumeLayout, down: Set<Int>) -> VolumeState {
        volume(layout).state { down.contains(Int($0.path.dropFirst(2))!) }
    }

    static let distribute = VolumeLayout(brickCount: 2)
    static let replica3 = VolumeLayout(brickCount: 3, replicaCount: 3)
    static let replica2 = VolumeLayout(brickCount: 2, replicaCount: 2)
    static let arbiter = VolumeLayout(brickCount: 3, replicaCount: 3, arbiterCount: 1)
    static let disperse = VolumeLayout(brickCount: 3, disperseCount: 3, redundancyCount: 1)
    static let distributedReplicate = VolumeLayout(brickCount: 6, replicaCount: 3)
    static let distributedDisperse = VolumeLayout(brickCount: 6, disperseCount: 3, redundancyCount: 1)

    @Test func theTypeComesFromTheCounts() {
        #expect(Self.distribute.kind == .distribute && Self.replica3.kind == .replicate && Self.arbiter.kind == .arbiter)
        #expect(Self.disperse.kind == .disperse && Self.distributedReplicate.kind == .distributedReplicate)
        #expect(Self.distributedDisperse.kind == .distributedDisperse)
        #expect(VolumeLayout(brickCount: 6, replicaCount: 3, arbiterCount: 1).kind == .distributedArbiter)
        #expect(Self.volume(Self.distributedReplicate).subvolumes.map { $0.map(\.path) } == [["/b0", "/b1", "/b2"], ["/b3", "/b4", "/b5"]])
    }

    @Test(arguments: [
        // distribute: every brick holds files no other has
        (distribute, Set<Int>(), VolumeState.up), (distribute, [1], .partial), (distribute, [0, 1], .down),
        // replica 3: a majority keeps quorum
        (replica3, [0], .degraded), (replica3, [0, 1], .partial), (replica3, [0, 1, 2], .down),
        // replica 2, quorum auto: half is enough only with the first brick
        (replica2, [1], .degraded), (replica2, [0], .partial),
        // arbiter: the arbiter counts for quorum, holds no data
        (arbiter, [2], .degraded), (arbiter, [0], .degraded), (arbiter, [0, 1], .partial),
        // disperse 3, redundancy 1: one may go; two, and no data is readable
        (disperse, [0], .degraded), (disperse, [0, 1], .down),
        // distributed forms: one set out of reach is part of the data
        (distributedReplicate, [0], .degraded), (distributedReplicate, [0, 1], .partial), (distributedReplicate, [0, 1, 2], .partial),
        (distributedReplicate, [0, 1, 2, 3, 4, 5], .down), (distributedReplicate, [0, 3], .degraded),
        (distributedDisperse, [3], .degraded), (distributedDisperse, [3, 4], .partial), (distributedDisperse, [0, 1, 3, 4], .down),
    ] as [(VolumeLayout, Set<Int>, VolumeState)])
    func theStateFollowsTheLayout(layout: VolumeLayout, down: Set<Int>, expected: VolumeState) {
        #expect(Self.state(layout, down: down) == expected)
    }

    @Test func stoppedAndCreatedVolumesAreNeitherUpNorDown() {
        #expect(Self.volume(Self.replica3, status: .stopped).state { _ in true } == .stopped)
        #expect(Self.volume(Self.replica3, status: .created).state { _ in true } == .created)
    }

    @Test func severitiesFollowTheState() {
        #expect(VolumeState.partial.severity == .critical && VolumeState.down.severity == .critical)
        #expect(VolumeState.degraded.severity == .warning && VolumeState.up.severity == nil && VolumeState.unknown.severity == nil)
    }

    static func space(_ total: UInt64, free: UInt64) -> ObservedCluster.Space {
        .init(sizeTotal: total, sizeFree: free, inodesTotal: 100, inodesFree: 90)
    }

    /// Usable bytes: a replica set counts once (its smallest data brick), a disperse set without its
    /// redundancy, distribute bricks add up; an arbiter holds no data.
    @Test func usableCapacityCountsEachCopyOnce() {
        func report(_ layout: VolumeLayout, _ spaces: [ObservedCluster.Space?]) -> HealthReport.Volume? {
            var volume = Self.volume(layout)
            for index in volume.bricks.indices { volume.bricks[index].space = spaces[index] }
            var health = ClusterHealth()
            health.reconcile(.observed(ObservedCluster(volumes: [volume], peers: nil)), at: 1, node: "n")
            return health.report(at: 2).volumes.first
        }
        let replicated = report(Self.arbiter, [Self.space(100, free: 40), Self.space(120, free: 30), Self.space(1, free: 0)])
        #expect(replicated?.sizeTotal == 100 && replicated?.sizeFree == 30 && replicated?.usedPercent == 70)
        let dispersed = report(Self.disperse, [Self.space(100, free: 50), Self.space(100, free: 40), Self.space(100, free: 60)])
        #expect(dispersed?.sizeTotal == 200 && dispersed?.sizeFree == 80)
        let distributed = report(Self.distribute, [Self.space(100, free: 50), Self.space(300, free: 100)])
        #expect(distributed?.sizeTotal == 400 && distributed?.sizeFree == 150)
        #expect(report(Self.distribute, [Self.space(100, free: 50), nil])?.sizeTotal == nil)  // not every brick told
        let huge = report(Self.distribute, [Self.space(.max, free: .max), Self.space(.max, free: 1)])
        #expect(huge?.sizeTotal == .max)  // saturates, never traps
    }
}

/// What polling gluster adds to the events: glusterd's own state, capacity, volumes gluster no
/// longer knows, a brick down weighing as its volume.
@Suite struct ClusterPollTests {
    static func observed(_ volumes: ObservedCluster.Volume...) -> ClusterObservation {
        .observed(ObservedCluster(volumes: volumes, peers: nil))
    }

    @Test func glusterdNotAnsweringIsCriticalAndLeavesItsVolumesUnknown() {
        var health = ClusterHealth()
        health.reconcile(Self.observed(VolumeStateTests.volume(VolumeStateTests.replica3)), at: 100, node: "node-1")
        #expect(health.report(at: 101).volumes.map(\.state) == [.up])
        health.reconcile(.glusterdDown("Connection failed. Please check if gluster daemon is operational."), at: 160, node: "node-1")
        let report = health.report(at: 170)
        let problem = report.problems.first
        #expect(problem?.id.description == "glusterd-down/glusterd:node-1" && problem?.severity == .critical && problem?.since == 160)
        #expect(problem?.entity["reason"]?.hasPrefix("Connection failed") == true)
        #expect(report.status == .critical && report.volumes.map(\.state) == [.unknown])
        #expect(report.sources.gluster == GlusterSource(state: .unanswered, since: 160, lastAnswer: 100, detail: problem?.entity["reason"]))
        // still down a minute on: the same problem, since the first failure
        health.reconcile(.glusterdDown("Connection failed."), at: 220, node: "node-1")
        #expect(health.report(at: 230).problems.first?.since == 160)
        // a busy glusterd is no outage: what it said last stands
        health.reconcile(Self.observed(VolumeStateTests.volume(VolumeStateTests.replica3)), at: 280, node: "node-1")
        health.reconcile(.failed("gluster volume status all detail: Another transaction is in progress"), at: 340, node: "node-1")
        #expect(health.report(at: 341).problems.isEmpty && health.report(at: 341).volumes.map(\.state) == [.up])
        #expect(health.report(at: 341).sources.gluster.state == .answered)
    }

    @Test func noGlusterCLIChangesNothing() {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("VOLUME_CREATE", "name=gv0;bricks=h:/b1 h:/b2", at: 1))
        health.apply(HealthEvents.event("VOLUME_START", "name=gv0", at: 2))
        health.reconcile(.noCLI, at: 3, node: "n")
        let report = health.report(at: 4)
        #expect(report.status == .ok && report.volumes.map(\.state) == [.up] && report.sources.gluster.state == .absent)
        #expect(report.sources.events == 2 && report.sources.lastEventAt == 2)
    }

    @Test func bricksFillingUpAndNearlyFullWithoutFlappingOnTheLine() {
        var health = ClusterHealth()
        func poll(usedPercent: UInt64, inodes: UInt64 = 10, at time: Double) -> [String] {
            var volume = VolumeStateTests.volume(VolumeLayout(brickCount: 1))
            volume.bricks[0].space = .init(sizeTotal: 1000, sizeFree: 1000 - usedPercent * 10, inodesTotal: 100, inodesFree: 100 - inodes)
            health.reconcile(Self.observed(volume), at: time, node: "n")
            return health.report(at: time).problems.filter(\.isOpen).map { "\($0.id.description) \($0.severity.rawValue)" }.sorted()
        }
        #expect(poll(usedPercent: 50, at: 1).isEmpty)
        #expect(poll(usedPercent: 85, at: 2) == ["brick-filling/h:/b0:space warning"])
        #expect(health.report(at: 2).problems.first?.entity["used"] == "85% used")
        #expect(poll(usedPercent: 95, at: 3) == ["brick-full/h:/b0:space critical"])
        #expect(poll(usedPercent: 89, at: 4) == ["brick-full/h:/b0:space critical"])  // a point below: still open
        #expect(poll(usedPercent: 88, at: 5) == ["brick-filling/h:/b0:space warning"])
        #expect(poll(usedPercent: 40, inodes: 92, at: 6) == ["brick-full/h:/b0:inodes critical"])
        #expect(poll(usedPercent: 40, at: 7).isEmpty)
        #expect(health.report(at: 7).problems.allSatisfy { $0.reconciled })
    }

    @Test func aVolumeGlusterNoLongerListsIsGone() {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("VOLUME_CREATE", "name=old;bricks=h:/o1", at: 1))
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", "peer=h;volume=old;brick=/o1", at: 2))
        health.reconcile(Self.observed(VolumeStateTests.volume(VolumeStateTests.distribute)), at: 3, node: "n")
        #expect(health.report(at: 4).volumes.map(\.name) == ["v"] && health.report(at: 4).problems.allSatisfy { !$0.isOpen })
    }

    /// An event comes first; the topology says what it means: a distribute brick down puts files
    /// out of reach (critical), where a replica's client quorum lost already says so (one page).
    @Test func aBrickDownWeighsAsItsVolume() {
        var health = ClusterHealth()
        health.reconcile(Self.observed(VolumeStateTests.volume(VolumeStateTests.distribute)), at: 1, node: "n")
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", "peer=h;volume=v;brick=/b1", at: 2))
        let report = health.report(at: 3)
        #expect(report.volumes.first?.state == .partial && report.volumes.first?.reason == "files on 1 of 2 bricks out of reach")
        #expect(report.problems.map(\.severity) == [.critical] && report.status == .critical)

        var replica = ClusterHealth()
        var volume = VolumeStateTests.volume(VolumeStateTests.replica3)
        volume.name = "gv0"
        replica.reconcile(Self.observed(volume), at: 1, node: "n")
        for brick in ["/b0", "/b1"] { replica.apply(HealthEvents.event("BRICK_DISCONNECTED", "peer=h;volume=gv0;brick=\(brick)", at: 2)) }
        replica.apply(HealthEvents.event("AFR_QUORUM_FAIL", "subvol=gv0-replicate-0;volume=gv0", at: 2))
        let replicaReport = replica.report(at: 10)  // the quorum lost past its settle window
        #expect(replicaReport.volumes.first?.state == .partial)
        #expect(replicaReport.problems.map { "\($0.id.kind.rawValue) \($0.severity.rawValue)" }.sorted() == [
            "brick-down warning", "brick-down warning", "client-quorum-lost critical",
        ])
    }

    /// `health.json` carries all of it, and reads back as it was.
    @Test func theReportReadsBackFromItsJSON() throws {
        var health = ClusterHealth()
        var volume = VolumeStateTests.volume(VolumeStateTests.arbiter)
        volume.bricks[0].online = false
        volume.bricks[1].space = VolumeStateTests.space(1000, free: 10)
        health.reconcile(Self.observed(volume), at: 1, node: "n")
        health.reconcile(.glusterdDown("timed out"), at: 5, node: "n")
        let report = health.report(at: 9)
        let json = report.json
        #expect(HealthReport(json: try JSONValue.parse(json.encoded())) == report)
        let listed = try #require(json["volumes"]?.arrayValues?.first)
        #expect(listed["type"]?.stringValue == "arbiter" && listed["state"]?.stringValue == "DEGRADED")
        #expect(listed["bricks"]?.arrayValues?.map { $0["online"]?.boolValue } == [false, true, true])
        #expect(listed["bricks"]?.arrayValues?[1]["size_free"]?.intValue == 10)
        #expect(listed["heal_pending"] == .null && listed["full_at"] == .null)
    }
}
