import ClusterHealth
@testable import Dashboard
import Testing

/// The header's health line: the cluster at a glance, each part in its colour, shortened on
/// narrow terminals with the worst volumes kept.
@Suite struct HealthLineTests {
    private func text(_ parts: [HealthLine.Part]) -> String { parts.map(\.text).joined() }

    private func style(of text: String, in parts: [HealthLine.Part]) -> Style? { parts.first { $0.text.contains(text) }?.style }

    @Test func aDegradedVolumeReadsAsAnAdminSaysIt() {
        var fixture = DashboardFixture()
        fixture.health = HealthFixture.degraded
        let screen = fixture.screen(DashboardState())
        #expect(screen.line(2) == " CRITICAL  gv0 DEGRADED: 1/3 bricks down 4m · 1 split-brain │ gv1 UP │ peers 3/3")
        #expect(screen.style(row: 2, column: 1) == .problem && screen.attributes(row: 2, column: 1) == .bold)
        let gv0 = screen.line(2).distance(of: "gv0")
        #expect(screen.style(row: 2, column: gv0) == .warning)
        #expect(screen.style(row: 2, column: screen.line(2).distance(of: "gv1")) == .recovery)
        #expect(screen.style(row: 2, column: screen.line(2).distance(of: "peers")) == .recovery)
        #expect(screen.style(row: 2, column: screen.line(2).distance(of: "│")) == .heading)
    }

    @Test func mutedProblemsLeaveTheStatusAndAreCounted() throws {
        var report = HealthFixture.degraded
        let splitBrain = try #require(report.problems.firstIndex { $0.id.kind == .splitBrain })
        report.problems[splitBrain].mutedUntil = HealthFixture.now + 3600
        let parts = HealthLine.parts(report, now: HealthFixture.now, width: 200)
        #expect(text(parts).hasPrefix(" WARNING (1 muted)  gv0 DEGRADED"))
        #expect(style(of: "WARNING", in: parts) == .warning && style(of: "muted", in: parts) == .muted)
    }

    @Test func aDownVolumeComesFirstInBoldRedThenPeersMissingAndBursts() {
        var events = [
            HealthFixture.event("VOLUME_CREATE", "name=aa"), HealthFixture.event("VOLUME_START", "name=aa"),
            HealthFixture.event("PEER_ATTACH", "host=vm"), HealthFixture.event("PEER_ATTACH", "host=vm2"),
            HealthFixture.event("QUORUM_LOST", "volume=zz", secondsAgo: 7200),
            HealthFixture.event("PEER_DISCONNECT", "peer=vm2", secondsAgo: 30),
        ]
        events += (0..<300).map { _ in HealthFixture.event("CLIENT_CONNECT", "client_identifier=c", secondsAgo: 1) }
        let parts = HealthLine.parts(HealthFixture.report(events), now: HealthFixture.now, width: 200)
        #expect(text(parts) == " CRITICAL  zz DOWN: server quorum lost 2h │ aa UP │ peers 1/2 │ ⚡ CLIENT_CONNECT 300/min")
        #expect(parts.first { $0.text.hasPrefix("zz") } == HealthLine.Part(text: "zz DOWN: server quorum lost 2h", style: .problem, attributes: .bold))
        #expect(style(of: "peers", in: parts) == .warning && style(of: "⚡", in: parts) == .warning)
    }

    /// UP, yet WARNING: the line says why.
    @Test func aFlappingBrickSaysWhyAnUpVolumeIsAWarning() {
        var events = [HealthFixture.event("VOLUME_CREATE", "name=gv0"), HealthFixture.event("VOLUME_START", "name=gv0")]
        for (index, ago) in [240.0, 200, 160, 120, 80, 60].enumerated() {
            events.append(HealthFixture.event(index % 2 == 0 ? "BRICK_DISCONNECTED" : "BRICK_CONNECTED", "peer=vm;volume=gv0;brick=/b1", secondsAgo: ago))
        }
        #expect(text(HealthLine.parts(HealthFixture.report(events), now: HealthFixture.now, width: 120)) == " WARNING  gv0 UP: brick down flapping 1m")
    }

    @Test func narrowTerminalsKeepTheWorstVolumesThenCountTheRest() {
        var events = [HealthFixture.event("PEER_ATTACH", "host=vm")]
        for name in ["a1", "a2", "a3", "gv0"] {
            events += [HealthFixture.event("VOLUME_CREATE", "name=\(name)"), HealthFixture.event("VOLUME_START", "name=\(name)")]
        }
        events.append(HealthFixture.event("BRICK_DISCONNECTED", "peer=vm;volume=gv0;brick=/b1", secondsAgo: 240))
        let report = HealthFixture.report(events)
        let wide = HealthLine.parts(report, now: HealthFixture.now, width: 120)
        #expect(text(wide) == " WARNING  gv0 DEGRADED: 1 brick down 4m │ a1 UP │ a2 UP │ a3 UP │ peers 1/1")
        #expect(text(HealthLine.parts(report, now: HealthFixture.now, width: 70)) == " WARNING  gv0 DEGRADED: 1 brick down 4m │ a1 UP │ +2 more │ peers 1/1")
        #expect(text(HealthLine.parts(report, now: HealthFixture.now, width: 62)) == " WARNING  gv0 DEGRADED: 1 brick down 4m │ +3 more │ peers 1/1")
        #expect(text(HealthLine.parts(report, now: HealthFixture.now, width: 50)) == " WARNING  gv0 DEGRADED: 1 brick down 4m │ +3 more")
        let cut = text(HealthLine.parts(report, now: HealthFixture.now, width: 30))
        #expect(cut == " WARNING  gv0 DEGRADED: 1 bri…")
        // The whole header at the dashboard's narrowest.
        var fixture = DashboardFixture()
        fixture.health = report
        #expect(fixture.screen(DashboardState(), rows: 18, columns: 60).line(2) == " WARNING  gv0 DEGRADED: 1 brick down 4m │ a1 UP │ +2 more")
    }

    @Test func nothingKnownYetSaysSo() {
        #expect(text(HealthLine.parts(.empty, now: 0, width: 120)) == " OK  no volume known yet")
    }

    @Test func namesFromOutsideAreEscaped() {
        let report = HealthFixture.report([
            HealthFixture.event("BRICK_DISCONNECTED", "peer=vm;volume=gv\u{1B}[2J\u{07};brick=/b1")
        ])
        var fixture = DashboardFixture()
        fixture.health = report
        let screen = fixture.screen(DashboardState())
        #expect(screen.unescaped.isEmpty)
        #expect(screen.line(2).contains("gv\\x1b[2J\\x07 DEGRADED: 1 brick down 10m"))
    }
}

extension String {
    /// The column where `text` starts (the line is ASCII up to it in these tests... or counts
    /// characters of one column each).
    fileprivate func distance(of text: String) -> Int {
        Cell.width(of: String(self[..<range(of: text)!.lowerBound]))
    }
}

@Suite struct HealthLineManyVolumesTests {
    /// Thousands of volumes (VOLUME_CREATE comes from outside) make one line: only what can fit is
    /// laid out, the rest counted (bench/dashboard.sh measures what that costs).
    @Test func thousandsOfVolumesAreCountedNotLaidOut() {
        var health = ClusterHealth()
        for index in 0..<1_000 {
            health.apply(HealthEvent(name: "VOLUME_CREATE", fields: ["name": "vol\(index)"], node: "n", time: 1))
            health.apply(HealthEvent(name: "VOLUME_START", fields: ["name": "vol\(index)"], node: "n", time: 1))
        }
        let text = HealthLine.parts(health.report(at: 2), now: 2, width: 120).map(\.text).joined()
        #expect(Cell.width(of: text) <= 120)
        let shown = text.matches(of: /vol[0-9]+ UP/).count
        #expect(shown > 0 && text.contains("+\(1_000 - shown) more"))
    }
}
