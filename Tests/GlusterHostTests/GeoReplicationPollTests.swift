import ClusterHealth
import Foundation
import GlusterEvents
import GlusterHost
import Testing
import TestSupport

/// Geo-replication as polled: real GlusterFS 10.3 answers of `volume geo-replication mv status`
/// (a session `mv` → `vm::sv` on one node, `Tests/Fixtures/gluster-cli-10.3/georep-*`), read and
/// fed to the health model beside the GEOREP_FAULTY event the same worker sent.
@Suite struct GeoReplicationPollTests {
    private static func workers(_ fixture: String) throws -> [VolumeDetails.GeoReplicationWorker]? {
        VolumeDetails.geoReplication(xml: try ObservedClusterGlusterCLITests.fixture(fixture))
    }

    /// The cluster of the captures, polled: `mv` started and a primary, `sv` stopped.
    private static func polledHealth() throws -> ClusterHealth {
        let observed = try #require(
            ObservedCluster(
                volumeInfoXML: try ObservedClusterGlusterCLITests.fixture("georep-volume-info.xml"),
                volumeStatusXML: try ObservedClusterGlusterCLITests.fixture("georep-status-detail.xml"), poolListXML: nil))
        var health = ClusterHealth()
        health.reconcile(.observed(observed), at: 1, node: "n")
        return health
    }

    private static let request = VolumeDetails.Request(volume: "mv", heal: false, rebalance: false, quota: false, georep: true)
    private static let problemID = "georep-faulty/mv:vm:sv:vm:/bricks/geo-m/b"

    @Test func eachStateOfTheCapturesReads() throws {
        let active = try #require(try Self.workers("georep-status-mv-active.xml"))
        #expect(
            active == [
                .init(
                    primaryNode: "vm", primaryBrick: "/bricks/geo-m/b", secondaryUser: "root", secondaryHost: "vm", secondaryVolume: "sv",
                    status: "Active", crawlStatus: "History Crawl", lastSynced: active.first?.lastSynced, failures: 0)
            ])
        #expect(active.first?.lastSynced?.hasPrefix("2026-12-07 ") == true && active.first?.secondary == "vm::sv")
        let faulty = try #require(try Self.workers("georep-status-mv-faulty.xml")?.first)
        #expect(faulty.isFaulty && faulty.crawlStatus == nil && faulty.lastSynced == nil && faulty.failures == nil)
        #expect(try Self.workers("georep-status-mv-created.xml")?.map(\.status) == ["Created"])
        #expect(try Self.workers("georep-status-mv-stopped.xml")?.map(\.status) == ["Stopped"])
        // no session (or none left after a delete), glusterd down: the CLI's words, which tell nothing
        #expect(try Self.workers("georep-status-none.xml") == nil)
        #expect(try Self.workers("status-all-glusterd-down.xml") == nil)
    }

    /// glusterfs 9 and before said master and slave; a user other than root is part of the name.
    @Test func olderNamesAndANonRootUserRead() throws {
        var xml = try ObservedClusterGlusterCLITests.fixture("georep-status-mv-active.xml")
        for (new, old) in [("primary_", "master_"), ("secondary_user", "slave_user"), ("<secondary>", "<slave>"), ("</secondary>", "</slave>")] {
            xml = xml.replacingOccurrences(of: new, with: old)
        }
        xml = xml.replacingOccurrences(of: "<slave_user>root", with: "<slave_user>geoaccount")
        let worker = try #require(VolumeDetails.geoReplication(xml: xml)?.first)
        #expect(worker.primaryNode == "vm" && worker.primaryBrick == "/bricks/geo-m/b" && worker.status == "Active")
        #expect(worker.secondary == "geoaccount@vm::sv")
        #expect(VolumeDetails.GeoReplicationWorker.hostAndVolume("ssh://geoaccount@backup.example::gv0b")! == ("backup.example", "gv0b"))
        #expect(VolumeDetails.GeoReplicationWorker.hostAndVolume("backup::gv0b")! == ("backup", "gv0b"))
        #expect(VolumeDetails.GeoReplicationWorker.hostAndVolume("ssh://backup:gv0b") == nil)
        #expect(VolumeDetails.GeoReplicationWorker.hostAndVolume("ssh://::gv0b") == nil)
    }

    /// `geo-replication.indexing` marks a primary: only its sessions are asked for (a volume
    /// without any answers with words, not XML, and exit 2).
    @Test func onlyAPrimaryIsAsked() throws {
        let health = try Self.polledHealth()
        #expect(health.detailsToPoll == [Self.request])  // sv is stopped; mv has one brick: no heal, no rebalance
        let volumes = try ObservedClusterGlusterCLITests.observed().volumes
        #expect(volumes.allSatisfy { !$0.georepIndexing })
    }

    @Test func aFaultyWorkerIsCriticalWhilePolledSo() throws {
        var health = try Self.polledHealth()
        health.reconcile(VolumeDetails(georep: try Self.workers("georep-status-mv-faulty.xml")), for: Self.request, at: 2)
        let problem = try #require(health.report(at: 3).problems.first)
        #expect(problem.id.description == Self.problemID && problem.isOpen && problem.severity == .critical)
        #expect(problem.reconciled && !problem.unverified)
        #expect(problem.entity.label == "mv → vm::sv (vm:/bricks/geo-m/b)")
        let mv = try #require(health.report(at: 3).volumes.first { $0.name == "mv" })
        #expect(mv.geoReplication.map(\.status) == ["Faulty"])
        // health.json carries the workers, and reads back the same
        let decoded = try #require(HealthReport(json: health.report(at: 3).json))
        #expect(decoded.volumes.first { $0.name == "mv" }?.geoReplication == mv.geoReplication)

        // no answer: nothing is known better, the problem stands
        health.reconcile(VolumeDetails(georep: nil), for: Self.request, at: 4)
        #expect(openProblems(health) == [Self.problemID])
        health.reconcile(VolumeDetails(georep: try Self.workers("georep-status-mv-active.xml")), for: Self.request, at: 5)
        #expect(openProblems(health).isEmpty)
        #expect(health.takeResolved().map { "\($0.id) \($0.openedBy) \($0.closedBy)" } == ["\(Self.problemID) poll poll"])

        health.reconcile(VolumeDetails(georep: try Self.workers("georep-status-mv-faulty.xml")), for: Self.request, at: 6)
        health.reconcile(VolumeDetails(georep: try Self.workers("georep-status-mv-stopped.xml")), for: Self.request, at: 7)
        #expect(openProblems(health).isEmpty)  // a stopped session is not faulty
        health.reconcile(VolumeDetails(georep: try Self.workers("georep-status-mv-faulty.xml")), for: Self.request, at: 8)
        health.reconcile(VolumeDetails(georep: []), for: Self.request, at: 9)
        #expect(openProblems(health).isEmpty)  // listed sessions without this worker: it is gone
    }

    /// The GEOREP_FAULTY the faulty worker sent (as eventsdash logged it) opens the problem the
    /// poll closes, and the other way round.
    @Test func theEventAndThePollNameOneProblem() throws {
        var health = try Self.polledHealth()
        let sent = "brick_path=/bricks/geo-m/b;current_secondary_host=vm;primary_node=vm;primary_node_id=96406d69-63fc-4f55-aec0-775190615db8;"
            + "primary_volume=mv;secondary_host=vm;secondary_volume=sv"
        health.apply(fields("GEOREP_FAULTY", sent, at: 2))
        #expect(openProblems(health) == [Self.problemID])
        #expect(health.report(at: 3).problems.first?.unverified == false)
        health.reconcile(VolumeDetails(georep: try Self.workers("georep-status-mv-active.xml")), for: Self.request, at: 4)
        #expect(openProblems(health).isEmpty)
        health.reconcile(VolumeDetails(georep: try Self.workers("georep-status-mv-faulty.xml")), for: Self.request, at: 5)
        health.apply(fields("GEOREP_ACTIVE", sent, at: 6))
        #expect(openProblems(health).isEmpty)
    }

    /// Every node may have a brick at the same path: two nodes' workers are two problems, and one
    /// recovering leaves the other open. A worker on a brick gluster does not list is unverified.
    @Test func workersAreTheirNodesAndForgedOnesAreUnverified() throws {
        var health = try Self.polledHealth()
        let worker = "primary_volume=mv;secondary_host=vm;secondary_volume=sv;brick_path=/bricks/geo-m/b;primary_node="
        health.apply(fields("GEOREP_FAULTY", worker + "vm", at: 2))
        health.apply(fields("GEOREP_FAULTY", worker + "elsewhere", at: 2))
        health.apply(fields("GEOREP_ACTIVE", worker + "vm", at: 3))
        let open = health.report(at: 4).problems.filter(\.isOpen)
        #expect(open.map(\.id.description) == ["georep-faulty/mv:vm:sv:elsewhere:/bricks/geo-m/b"])
        #expect(open.first?.unverified == true && open.first?.severity == .warning)
    }

    private func openProblems(_ health: ClusterHealth) -> [String] {
        health.report(at: 10_000).problems.filter(\.isOpen).map(\.id.description)
    }

    private func fields(_ name: String, _ text: String, at time: Double) -> HealthEvent {
        var fields: [String: String] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            fields[String(parts[0])] = String(parts[1])
        }
        return HealthEvent(name: name, fields: fields, node: "96406d69-63fc-4f55-aec0-775190615db8", time: time)
    }
}
