import ClusterHealth
import Foundation
import GlusterEvents
import Testing

@testable import Dashboard

/// `v`: the cluster as gluster describes it, drawn on a terminal in memory.
@Suite struct ClusterViewTests {
    /// rv replica 3 with b1 down and 43 entries to heal, dv distribute, ev disperse, as the real
    /// captures have them (the bricks' file systems from `volume status detail`).
    static func cluster(host: String = "vm", path: (Int) -> String = { "/bricks/rv/b\($0)" }) -> HealthReport {
        var health = ClusterHealth()
        let space = ObservedCluster.Space(sizeTotal: 270_553_174_016, sizeFree: 250_660_503_552, inodesTotal: 16_777_216, inodesFree: 16_321_044)
        let rv = ObservedCluster.Volume(
            name: "rv", status: .started, layout: VolumeLayout(brickCount: 3, replicaCount: 3),
            bricks: (1...3).map { ObservedCluster.Brick(host: host, path: path($0), online: $0 != 1, space: space) })
        let dv = ObservedCluster.Volume(
            name: "dv", status: .started, layout: VolumeLayout(brickCount: 2),
            bricks: (1...2).map { ObservedCluster.Brick(host: "vm", path: "/bricks/dv/b\($0)", online: true, space: space) })
        health.reconcile(.observed(ObservedCluster(volumes: [rv, dv], peers: [])), at: HealthFixture.now - 60, node: "n")
        let pending = HealCounts(pending: 43, splitBrain: 0, possiblyHealing: 0)
        health.reconcileHeal(volume: "rv", Dictionary(uniqueKeysWithValues: (2...3).map { ("\(host):\(path($0))", pending) }), at: HealthFixture.now - 60)
        return health.report(at: HealthFixture.now)
    }

    func screen(_ report: HealthReport, rows: Int = 40, columns: Int = 120) -> TestSurface {
        var fixture = DashboardFixture()
        fixture.health = report
        var state = DashboardState()
        _ = state.handle(.character("v"), fixture.keys(rows: rows, columns: columns))
        return fixture.screen(state, rows: rows, columns: columns)
    }

    @Test func volumesSetsAndBricksWithTheirStateCapacityAndBacklog() {
        let surface = screen(Self.cluster())
        let text = (0..<40).map(surface.line)
        #expect(text[3].hasPrefix("▶ CLUSTER  2 volumes"))
        let rv = text.first { $0.hasPrefix("rv ") } ?? ""
        #expect(rv.contains("replicate") && rv.contains("DEGRADED") && rv.contains("7% of 251G") && rv.contains(" 43 ") && rv.hasSuffix("redundancy lost"), "\(rv)")
        #expect(text.contains { $0.hasPrefix("  replica set 0") && $0.contains("1/3 down") })
        let b1 = text.first { $0.hasPrefix("    vm:/bricks/rv/b1") } ?? ""
        #expect(b1.contains(" DOWN ") && b1.contains("█░"), "\(b1)")
        #expect(text.first { $0.hasPrefix("    vm:/bricks/rv/b2") }?.contains(" up ") == true)
        // a distribute volume's bricks are its subvolumes: no set rows
        #expect(text.contains { $0.hasPrefix("dv ") && $0.contains("distribute") && $0.contains("7% of 503G") })
        #expect(text.contains { $0.hasPrefix("  vm:/bricks/dv/b1") })
        #expect(text.contains { $0.contains("the gluster CLI answered 1m ago") })
        #expect(surface.line(39).hasPrefix(" Esc back"))
    }

    /// 80×24, a host name of 27 characters and a 60-character brick path: the host stays, the
    /// path loses its middle.
    @Test func aNarrowTerminalKeepsTheBricksHost() {
        let host = "gluster-node-07.example.com"
        let path = { (index: Int) in "/srv/gluster/bricks/production-volume-rv/replica-set-0/brick\(index)" }
        let surface = screen(Self.cluster(host: host, path: path), rows: 24, columns: 80)
        let b1 = (0..<24).map(surface.line).first { $0.contains(" DOWN ") } ?? ""
        #expect(b1.hasPrefix("    gluster-node-07") && b1.contains("…") && b1.contains("brick1"), "\(b1)")
        #expect((0..<24).map(surface.line).allSatisfy { Cell.width(of: $0) <= 80 })
    }

    @Test func itScrollsAndEscapeGoesBack() {
        var fixture = DashboardFixture()
        fixture.health = Self.cluster()
        var state = DashboardState()
        let keys = fixture.keys(rows: 20, columns: 120)
        _ = state.handle(.character("v"), keys)
        _ = state.handle(.end, keys)
        state.overlay?.fit(to: fixture.frame(rows: 20, columns: 120))
        let bottom = fixture.screen(state, rows: 20, columns: 120)
        #expect((0..<20).map(bottom.line).contains { $0.contains("gluster CLI answered") })
        _ = state.handle(.escape, keys)
        #expect(state.overlay == nil)
    }

    /// A primary's sessions under its bricks: one with a faulty worker (which, and where), one
    /// stopped; names from outside are escaped.
    @Test func geoReplicationSessionsShowUnderTheirPrimary() throws {
        var health = ClusterHealth()
        let mv = ObservedCluster.Volume(
            name: "mv", status: .started, layout: VolumeLayout(brickCount: 2, replicaCount: 2),
            bricks: ["vm", "vm2"].map { ObservedCluster.Brick(host: $0, path: "/bricks/mv", online: true) }, georepIndexing: true)
        health.reconcile(.observed(ObservedCluster(volumes: [mv], peers: [])), at: HealthFixture.now - 60, node: "n")
        let request = try #require(health.detailsToPoll.first)
        func worker(_ node: String, _ status: String, to host: String = "vm", user: String = "root") -> VolumeDetails.GeoReplicationWorker {
            .init(
                primaryNode: node, primaryBrick: "/bricks/mv", secondaryUser: user, secondaryHost: host, secondaryVolume: "sv", status: status,
                crawlStatus: status == "Active" ? "Changelog Crawl" : nil, lastSynced: status == "Active" ? "2026-12-07 21:04:19" : nil)
        }
        let workers = [worker("vm", "Active"), worker("vm2", "Faulty"), worker("vm", "Stopped", to: "back\u{1b}[2Jup", user: "geo")]
        health.reconcile(VolumeDetails(georep: workers), for: request, at: HealthFixture.now - 30)
        let text = (0..<40).map(screen(health.report(at: HealthFixture.now)).line)
        let session = text.firstIndex { $0.hasPrefix("  geo-rep → vm::sv") } ?? 0
        #expect(text[session].contains(" FAULTY ") && text[session].hasSuffix("1 of 2 faulty"), "\(text[session])")
        #expect(text[session + 1].hasPrefix("    vm:/bricks/mv") && text[session + 1].contains(" Active "))
        #expect(text[session + 1].hasSuffix("Changelog Crawl · synced 2026-12-07 21:04:19"), "\(text[session + 1])")
        #expect(text[session + 2].hasPrefix("    vm2:/bricks/mv") && text[session + 2].hasSuffix(" Faulty"), "\(text[session + 2])")
        let stopped = text.first { $0.hasPrefix("  geo-rep → geo@back") } ?? ""
        #expect(stopped.hasSuffix(" Stopped") && !stopped.contains("\u{1b}"), "\(stopped)")
    }

    /// A volume only the events named (gluster not asked) has no type to show, not a `?`.
    @Test func aVolumeKnownByItsEventsAloneHasABlankType() {
        var health = ClusterHealth()
        health.apply(HealthEvent(name: "VOLUME_START", fields: ["name": "gv9"], node: "n", time: HealthFixture.now - 10))
        let row = (0..<40).map(screen(health.report(at: HealthFixture.now)).line).first { $0.hasPrefix("gv9 ") } ?? ""
        #expect(row.hasSuffix(" UP") && !row.contains("?"), "\(row)")
    }

    @Test func noTopologyYetSaysSo() {
        let surface = screen(.empty)
        #expect((0..<40).map(surface.line).contains { $0.contains("gluster not asked") })
    }

    @Test func bytesReadAsPeopleReadThem() {
        #expect(ClusterView.bytes(512) == "512B" && ClusterView.bytes(57_381_888) == "54M" && ClusterView.bytes(270_553_174_016) == "251G")
        #expect(ClusterView.bytes(5 << 30) == "5.0G" && ClusterView.bytes(.max) == "16384P")
    }
}
