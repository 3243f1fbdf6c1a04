import ClusterHealth
import Foundation
import GlusterHost
import Testing
import TestSupport

/// Reading what the gluster CLI sees: real GlusterFS 10.3 output (`Tests/Fixtures/gluster-cli-10.3/`),
/// and samples built from its cli-xml-output.c for what one node cannot show (other nodes, a peer down).
@Suite struct ObservedClusterGlusterCLITests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: Fixtures.directory + "/gluster-cli-10.3/" + name, encoding: .utf8)
    }

    static func observed(status: String = "status-detail-all-up.xml", pool: String? = "pool-list.xml") throws -> ObservedCluster {
        try #require(
            ObservedCluster(volumeInfoXML: fixture("volume-info.xml"), volumeStatusXML: fixture(status), poolListXML: pool.map(fixture)))
    }

    @Test func volumeInfoGivesEachVolumesTypeCountsAndBricksInOrder() throws {
        let observed = try Self.observed()
        #expect(observed.volumes.map(\.name) == ["dv", "ev", "rv"])
        let byName = Dictionary(uniqueKeysWithValues: observed.volumes.map { ($0.name, $0) })
        let dv = try #require(byName["dv"])
        #expect(dv.layout.kind == .distribute && dv.subvolumes.count == 2 && dv.status == .started)
        let ev = try #require(byName["ev"])
        #expect(ev.layout == VolumeLayout(brickCount: 3, disperseCount: 3, redundancyCount: 1) && ev.layout.kind == .disperse)
        let rv = try #require(byName["rv"])
        #expect(rv.layout == VolumeLayout(brickCount: 3, replicaCount: 3) && rv.layout.kind == .replicate && rv.subvolumes.count == 1)
        #expect(rv.bricks.map(\.name) == ["vm:/bricks/rv/b1", "vm:/bricks/rv/b2", "vm:/bricks/rv/b3"])
        #expect(observed.peers == [])  // this node alone, as localhost
        // `peer status` (no peer: it lists none, not even this node) reads as `pool list` does
        let viaPeerStatus = ObservedCluster(
            volumeInfoXML: try Self.fixture("volume-info.xml"), volumeStatusXML: nil, poolListXML: try Self.fixture("peer-status.xml"))
        #expect(viaPeerStatus?.peers == [])
    }

    @Test func statusDetailGivesEachBricksProcessAndFileSystem() throws {
        let observed = try Self.observed()
        let b1 = try #require(observed.volumes.first { $0.name == "dv" }?.bricks.first)
        #expect(b1.online == true && b1.port == 57915 && b1.pid == 2983)
        #expect(b1.space == .init(sizeTotal: 270_553_174_016, sizeFree: 250_661_744_640, inodesTotal: 16_777_216, inodesFree: 16_321_252))
        #expect(observed.volumes.allSatisfy { $0.bricks.allSatisfy { $0.online == true && $0.space != nil } })
    }

    @Test func aKilledBrickIsOfflineWithNoPortOrPidButItsFileSystemStillShows() throws {
        let rv = try #require(try Self.observed(status: "status-detail-rv-b1-down.xml").volumes.first { $0.name == "rv" })
        #expect(rv.bricks.map(\.online) == [false, true, true])
        #expect(rv.bricks[0].port == nil && rv.bricks[0].pid == nil && rv.bricks[0].space != nil)
        #expect(rv.state { $0.online == false } == .degraded)
    }

    /// `volume status` without `detail` (what `status-all-up.xml` holds): up, but no file system.
    @Test func statusWithoutDetailLeavesTheSpaceUnknown() throws {
        let observed = try Self.observed(status: "status-all-up.xml")
        #expect(observed.volumes.allSatisfy { $0.bricks.allSatisfy { $0.online == true && $0.space == nil } })
    }

    /// `status-dv-b2-killed-while-glusterd-down.xml`: glusterd back, the brick respawned (another
    /// pid); the quota daemon listed after the bricks is no brick.
    @Test func theRespawnedBrickIsUpAndADaemonIsNoBrick() throws {
        let observed = try Self.observed(status: "status-dv-b2-killed-while-glusterd-down.xml")
        let dv = try #require(observed.volumes.first { $0.name == "dv" })
        #expect(dv.bricks.map(\.pid) == [2983, 4449] && dv.bricks.allSatisfy { $0.online == true })
        // ev and rv are not in this answer: as far as it says, their bricks are not running
        #expect(observed.volumes.first { $0.name == "rv" }?.bricks.allSatisfy { $0.online == false } == true)
    }

    /// `sv`, one 55 MB brick, filled to 93% (as df has it) and then to the last 1.3 MB.
    @Test func aSmallBrickFillingUp() throws {
        let info = Self.singleBrickInfo(volume: "sv", brick: "vm:/bricks/sv/b1")
        let nearly = try #require(ObservedCluster(volumeInfoXML: info, volumeStatusXML: try Self.fixture("status-detail-sv-90pct.xml"), poolListXML: nil))
        let full = try #require(ObservedCluster(volumeInfoXML: info, volumeStatusXML: try Self.fixture("status-detail-sv-full.xml"), poolListXML: nil))
        let nearlyUsed = try #require(nearly.volumes.first?.bricks.first?.space?.sizeUsed)
        // 84% by gluster's free bytes, which count the blocks ext4 keeps for root (df said 93%,
        // leaving them out): bricks run as root and fill those too
        #expect(nearlyUsed > 0.84 && nearlyUsed < 0.85)
        let space = try #require(full.volumes.first?.bricks.first?.space)
        #expect(space.sizeTotal == 57_381_888 && space.sizeFree == 1_376_256 && space.inodesFree == 16_100)
        #expect(nearly.peers == nil)
    }

    @Test func glusterdDownIsNoAnswer() throws {
        let words = try Self.fixture("status-all-glusterd-down.xml")
        #expect(words.contains("Connection failed"))
        #expect(ObservedCluster(volumeInfoXML: words, volumeStatusXML: words, poolListXML: nil) == nil)
        // the volume info alone is enough to know the volumes, their bricks' state unknown
        let infoOnly = try #require(ObservedCluster(volumeInfoXML: try Self.fixture("volume-info.xml"), volumeStatusXML: words, poolListXML: nil))
        #expect(infoOnly.volumes.allSatisfy { $0.bricks.allSatisfy { $0.online == nil } })
    }

    @Test func aFailedAnswerIsNothingSeen() throws {
        #expect(ObservedCluster(volumeInfoXML: try Self.fixture("heal-summary-dv-distribute.xml"), volumeStatusXML: nil, poolListXML: nil) == nil)
        #expect(ObservedCluster(volumeInfoXML: "", volumeStatusXML: nil, poolListXML: nil) == nil)
        // the pool list's answer, not a volume info
        #expect(ObservedCluster(volumeInfoXML: try Self.fixture("pool-list.xml"), volumeStatusXML: nil, poolListXML: nil) == nil)
    }

    @Test func truncatedOrMalformedXMLIsRefused() throws {
        let info = try Self.fixture("volume-info.xml")
        for length in [1, 40, info.count / 2, info.count - 3] {
            #expect(ObservedCluster(volumeInfoXML: String(info.prefix(length)), volumeStatusXML: nil, poolListXML: nil) == nil)
        }
        for trailer in ["<cliOutput/>", "junk", "<"] {  // after the root element
            #expect(ObservedCluster(volumeInfoXML: info + trailer, volumeStatusXML: nil, poolListXML: nil) == nil)
        }
        #expect(ObservedCluster(volumeInfoXML: "<cliOutput><opRet>0</opRet><volInfo><volumes></cliOutput>", volumeStatusXML: nil, poolListXML: nil) == nil)
        // a status or pool list that does not parse leaves only the bricks' state or the peers unknown
        let observed = try #require(
            ObservedCluster(volumeInfoXML: info, volumeStatusXML: "<cliOutput><volStatus>", poolListXML: "<cliOutput><peerStatus>"))
        #expect(observed.peers == nil && observed.volumes.count == 3 && observed.volumes.allSatisfy { $0.bricks.allSatisfy { $0.online == nil } })
    }

    /// Numbers from outside: negative, huge or not numbers at all are not taken as they come.
    @Test func hostileNumbersDoNotTrap() throws {
        let info = """
            <cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>x</name><status>1</status>
            <replicaCount>-5</replicaCount><disperseCount>99999999999999999999</disperseCount><redundancyCount>-1</redundancyCount>
            <bricks><brick>h:/b<name>h:/b</name></brick><brick>h/no-path</brick></bricks></volume></volumes></volInfo></cliOutput>
            """
        let status = """
            <cliOutput><opRet>0</opRet><volStatus><volumes><volume><volName>x</volName><node><hostname>h</hostname><path>/b</path>
            <status>1</status><pid>-1</pid><port>N/A</port><sizeTotal>5</sizeTotal><sizeFree>18446744073709551615</sizeFree>
            <inodesTotal>-3</inodesTotal></node></volume></volumes></volStatus></cliOutput>
            """
        let observed = try #require(ObservedCluster(volumeInfoXML: info, volumeStatusXML: status, poolListXML: nil))
        let volume = try #require(observed.volumes.first)
        #expect(volume.bricks.count == 1 && volume.layout.replicaCount == 1)
        #expect(volume.bricks[0].space == .init(sizeTotal: 5, sizeFree: 5, inodesTotal: 0, inodesFree: 0))
        #expect(volume.state { _ in false } == .up)
    }

    /// An external entity is not read (a volume without a name is no volume).
    @Test func entitiesAreNotExpanded() {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE cliOutput [<!ENTITY x SYSTEM "file:///etc/hostname">]>
            <cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>&x;</name></volume></volumes></volInfo></cliOutput>
            """
        #expect(ObservedCluster(volumeInfoXML: xml, volumeStatusXML: nil, poolListXML: nil)?.volumes == [])
        // nor are entities made to multiply (a "billion laughs")
        var bomb = #"<?xml version="1.0"?><!DOCTYPE cliOutput [<!ENTITY l0 "lollollollollollollollollollol">"#
        for level in 1...9 { bomb += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        bomb += "]><cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>&l9;</name></volume></volumes></volInfo></cliOutput>"
        #expect(ObservedCluster(volumeInfoXML: bomb, volumeStatusXML: nil, poolListXML: nil) == nil)
    }

    @Test func inputOverSixteenMebibytesIsRefusedUnread() {
        let padding = String(repeating: " ", count: 16 << 20)
        let xml = "<cliOutput><opRet>0</opRet><volInfo><volumes/></volInfo></cliOutput>"
        #expect(ObservedCluster(volumeInfoXML: xml + padding, volumeStatusXML: nil, poolListXML: nil) == nil)
        #expect(ObservedCluster(volumeInfoXML: xml, volumeStatusXML: nil, poolListXML: nil) != nil)
    }

    /// Every heal capture: a backlog on the bricks that saw the writes, none on the one that was
    /// down (it cannot tell: unknown), then draining after `start force`.
    @Test func healSummariesCountEachBricksBacklog() throws {
        func counts(_ name: String) throws -> [String: HealCounts]? { HealCounts.bricks(summaryXML: try Self.fixture(name)) }
        let none = HealCounts(pending: 0, splitBrain: 0, possiblyHealing: 0)
        let backlog = HealCounts(pending: 43, splitBrain: 0, possiblyHealing: 0)
        #expect(try counts("heal-summary-rv.xml") == ["vm:/bricks/rv/b1": none, "vm:/bricks/rv/b2": none, "vm:/bricks/rv/b3": none])
        #expect(try counts("heal-summary-ev.xml")?.values.allSatisfy { $0 == none } == true)
        #expect(try counts("heal-summary-rv-pending.xml") == ["vm:/bricks/rv/b2": backlog, "vm:/bricks/rv/b3": backlog])
        #expect(try counts("heal-summary-rv-after-start-1s.xml") == ["vm:/bricks/rv/b1": none, "vm:/bricks/rv/b2": backlog, "vm:/bricks/rv/b3": backlog])
        #expect(try counts("heal-summary-rv-after-start-11s.xml")?.values.allSatisfy { $0 == none } == true)
        #expect(try counts("heal-summary-dv-distribute.xml") == nil)  // opRet -1: not a replicate volume
        #expect(try counts("heal-info-rv-pending.xml") == [:])  // `heal info` lists files, counts nothing
        #expect(HealCounts.bricks(summaryXML: try Self.fixture("status-all-glusterd-down.xml")) == nil)
    }

    /// The rebalance and quota captures: a rebalance completed, none yet; one limit, not crossed.
    @Test func rebalanceAndQuotaAnswersRead() throws {
        #expect(VolumeDetails.rebalance(xml: try Self.fixture("rebalance-dv-completed.xml")) == .init(status: "completed", failures: 0))
        #expect(VolumeDetails.rebalance(xml: try Self.fixture("rebalance-dv-none.xml")) == .init(status: "not started", failures: 0))
        #expect(VolumeDetails.rebalance(xml: try Self.fixture("status-all-glusterd-down.xml")) == nil)
        #expect(
            VolumeDetails.quota(xml: try Self.fixture("quota-list-dv.xml")) == [
                .init(path: "/", hardLimit: 10_737_418_240, used: 0, softExceeded: false, hardExceeded: false)
            ])
        #expect(VolumeDetails.quota(xml: try Self.fixture("rebalance-dv-none.xml")) == nil)
        // no geo-replication session, snapshots without LVM: the CLI's own words, nothing to read
        #expect(ObservedCluster(volumeInfoXML: try Self.fixture("georep-status-none.xml"), volumeStatusXML: nil, poolListXML: nil) == nil)
        #expect(ObservedCluster(volumeInfoXML: try Self.fixture("snapshot-list.xml"), volumeStatusXML: nil, poolListXML: nil) == nil)
        #expect(try Self.observed().volumes.map(\.quotaOn) == [true, false, false])
    }

    /// A quota reached or crossed, a rebalance failed: problems while polled so.
    @Test func quotaAndRebalanceProblems() throws {
        var health = ClusterHealth()
        health.reconcile(.observed(try Self.observed()), at: 1, node: "n")
        let request = VolumeDetails.Request(volume: "dv", heal: false, rebalance: true, quota: true)
        func limit(soft: Bool, hard: Bool) -> VolumeDetails.QuotaLimit {
            .init(path: "/projects", hardLimit: 100, used: hard ? 100 : 85, softExceeded: soft, hardExceeded: hard)
        }
        health.reconcile(VolumeDetails(rebalance: .init(status: "failed", failures: 3), quota: [limit(soft: true, hard: true)]), for: request, at: 2)
        let open = health.report(at: 3).problems.map { "\($0.id) \($0.severity.rawValue)" }.sorted()
        #expect(open == ["quota-hard-limit/dv:/projects critical", "rebalance-failed/dv warning"])
        #expect(health.report(at: 3).volumes.first { $0.name == "dv" }?.rebalance?.failures == 3)
        health.reconcile(VolumeDetails(rebalance: .init(status: "completed", failures: 0), quota: [limit(soft: true, hard: false)]), for: request, at: 4)
        #expect(health.report(at: 5).problems.map(\.id.description) == ["quota-soft-limit/dv:/projects"])
        health.reconcile(VolumeDetails(rebalance: nil, quota: [limit(soft: false, hard: false)]), for: request, at: 6)
        #expect(health.report(at: 7).problems.isEmpty)
    }

    /// The backlog of the capture, in the model: the replica set's largest count (each brick lists
    /// the same entries), and each brick's own.
    @Test func aHealBacklogShowsPerVolumeAndBrick() throws {
        var health = ClusterHealth()
        health.reconcile(.observed(try Self.observed(status: "status-detail-rv-b1-down.xml")), at: 1, node: "n")
        #expect(
            health.detailsToPoll == [
                .init(volume: "dv", heal: false, rebalance: true, quota: true), .init(volume: "ev", heal: true, rebalance: false, quota: false),
                .init(volume: "rv", heal: true, rebalance: false, quota: false),
            ])
        health.reconcileHeal(volume: "rv", HealCounts.bricks(summaryXML: try Self.fixture("heal-summary-rv-pending.xml")), at: 2)
        health.reconcileHeal(volume: "ev", HealCounts.bricks(summaryXML: try Self.fixture("heal-summary-ev.xml")), at: 2)
        let volumes = Dictionary(uniqueKeysWithValues: health.report(at: 2).volumes.map { ($0.name, $0) })
        #expect(volumes["rv"]?.healPending == 43 && volumes["ev"]?.healPending == 0 && volumes["dv"]?.healPending == nil)
        #expect(volumes["rv"]?.bricks.map { $0.heal?.pending } == [nil, 43, 43])
        health.reconcileHeal(volume: "rv", HealCounts.bricks(summaryXML: try Self.fixture("heal-summary-rv-after-start-11s.xml")), at: 3)
        #expect(health.report(at: 3).volumes.first { $0.name == "rv" }?.healPending == 0)
        health.reconcileHeal(volume: "rv", nil, at: 4)  // no answer: unknown again, not 0
        #expect(health.report(at: 4).volumes.first { $0.name == "rv" }?.healPending == nil)
        health.reconcileHeal(volume: "nosuch", ["h:/b": HealCounts(pending: 1, splitBrain: 0, possiblyHealing: 0)], at: 5)
        #expect(!health.report(at: 5).volumes.contains { $0.name == "nosuch" })
    }

    /// Two nodes, a third one down (its bricks are not listed: not running as far as glusterd
    /// can tell), daemons on each node.
    @Test func aPoolOfSeveralNodesWithOneDown() throws {
        let observed = try #require(
            ObservedCluster(volumeInfoXML: Self.twoNodeInfo, volumeStatusXML: Self.twoNodeStatus, poolListXML: Self.poolWithOneDown))
        #expect(
            observed.volumes.flatMap { volume in volume.bricks.map { "\(volume.name) \($0.name) \($0.online.map(String.init) ?? "?")" } } == [
                "gv0 server1:/data/brick1/gv0 true", "gv0 server2:/data/brick1/gv0 false", "gv0 server3:/data/brick1/gv0 false",
                "gv1 server1:/data/brick2/gv1 true",
            ])
        #expect(observed.startedVolumes == ["gv0", "gv1"])
        #expect(observed.peers == [.init(host: "server2", connected: true), .init(host: "server3", connected: false)])
        #expect(observed.volumes[0].state { $0.online == false } == .partial)  // replica 3, 1 up: below quorum
    }

    /// The real capture fed to the health model: the killed brick is found down by polling.
    @Test func aKilledBrickOpensAReconciledProblem() throws {
        let observed = try Self.observed(status: "status-detail-rv-b1-down.xml")
        var health = ClusterHealth()
        health.reconcile(.observed(observed), at: 100, node: "n1")
        let report = health.report(at: 200)
        let open = report.problems.filter(\.isOpen)
        #expect(open.map(\.id.description) == ["brick-down/vm:/bricks/rv/b1"])
        #expect(open.first?.reconciled == true && open.first?.since == 100 && open.first?.severity == .warning)
        #expect(report.volumes.map { "\($0.name) \($0.state.rawValue) \($0.bricksDown)/\($0.brickCount ?? 0)" } == ["dv UP 0/2", "ev UP 0/3", "rv DEGRADED 1/3"])
    }

    static func singleBrickInfo(volume: String, brick: String) -> String {
        """
        <cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>\(volume)</name><status>1</status><brickCount>1</brickCount>
        <replicaCount>1</replicaCount><arbiterCount>0</arbiterCount><disperseCount>0</disperseCount><redundancyCount>0</redundancyCount>
        <bricks><brick uuid="u">\(brick)<name>\(brick)</name><isArbiter>0</isArbiter></brick></bricks></volume></volumes></volInfo></cliOutput>
        """
    }

    static let twoNodeInfo = """
        <cliOutput><opRet>0</opRet><volInfo><volumes>
          <volume><name>gv0</name><status>1</status><brickCount>3</brickCount><replicaCount>3</replicaCount><arbiterCount>0</arbiterCount>
            <disperseCount>0</disperseCount><redundancyCount>0</redundancyCount><bricks>
            <brick>server1:/data/brick1/gv0<name>server1:/data/brick1/gv0</name><isArbiter>0</isArbiter></brick>
            <brick>server2:/data/brick1/gv0<name>server2:/data/brick1/gv0</name><isArbiter>0</isArbiter></brick>
            <brick>server3:/data/brick1/gv0<name>server3:/data/brick1/gv0</name><isArbiter>0</isArbiter></brick></bricks></volume>
          <volume><name>gv1</name><status>1</status><brickCount>1</brickCount><replicaCount>1</replicaCount><arbiterCount>0</arbiterCount>
            <disperseCount>0</disperseCount><redundancyCount>0</redundancyCount><bricks>
            <brick>server1:/data/brick2/gv1<name>server1:/data/brick2/gv1</name><isArbiter>0</isArbiter></brick></bricks></volume>
        </volumes></volInfo></cliOutput>
        """

    static let twoNodeStatus = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volStatus><volumes>
          <volume><volName>gv0</volName><nodeCount>5</nodeCount>
            <node><hostname>server1</hostname><path>/data/brick1/gv0</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>49152</port><ports><tcp>49152</tcp><rdma>N/A</rdma></ports><pid>12345</pid></node>
            <node><hostname>server2</hostname><path>/data/brick1/gv0</path><peerid>22222222-2222-2222-2222-222222222222</peerid>
              <status>0</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>-1</pid></node>
            <node><hostname>Self-heal Daemon</hostname><path>localhost</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>2345</pid></node>
            <node><hostname>Self-heal Daemon</hostname><path>server2</path><peerid>22222222-2222-2222-2222-222222222222</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>3456</pid></node>
            <node><hostname>Quota Daemon</hostname><path>localhost</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>4567</pid></node>
            <tasks/></volume>
          <volume><volName>gv1</volName><nodeCount>2</nodeCount>
            <node><hostname>server1</hostname><path>/data/brick2/gv1</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>49153</port><ports><tcp>49153</tcp><rdma>N/A</rdma></ports><pid>12346</pid></node>
            <node><hostname>Bitrot Daemon</hostname><path>localhost</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>5678</pid></node>
            <tasks><task><type>Rebalance</type><id>33333333-3333-3333-3333-333333333333</id><status>1</status>
              <statusStr>in progress</statusStr></task></tasks></volume>
        </volumes></volStatus></cliOutput>
        """

    static let poolWithOneDown = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><peerStatus>
          <peer><uuid>22222222-2222-2222-2222-222222222222</uuid><hostname>server2</hostname>
            <hostnames><hostname>server2</hostname><hostname>10.0.0.2</hostname></hostnames>
            <connected>1</connected><state>3</state><stateStr>Peer in Cluster</stateStr></peer>
          <peer><uuid>44444444-4444-4444-4444-444444444444</uuid><hostname>server3</hostname>
            <hostnames><hostname>server3</hostname></hostnames>
            <connected>0</connected><state>3</state><stateStr>Peer in Cluster</stateStr></peer>
          <peer><uuid>11111111-1111-1111-1111-111111111111</uuid><hostname>localhost</hostname><connected>1</connected></peer>
        </peerStatus></cliOutput>
        """
}
