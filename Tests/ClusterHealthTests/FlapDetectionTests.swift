import ClusterHealth
import GlusterEvents
import Testing

/// Flapping as Nagios and Icinga detect it (percent state change, weighted, with hysteresis).
@Suite struct FlapDetectionTests {
    let detection = FlapDetection()

    @Test func thePercentWeighsNewerChangesMore() {
        // 21 looks of 15 s ending at 315: a change in the newest weighs 1.2, in the oldest 0.8
        let total = (0..<21).reduce(0.0) { $0 + 0.8 + 0.4 * Double($1) / 20 }
        #expect(abs(detection.percent([314], at: 315) - 1.2 / total * 100) < 1e-9)
        #expect(abs(detection.percent([1], at: 315) - 0.8 / total * 100) < 1e-9)
        #expect(detection.percent([310, 311, 312], at: 315) == detection.percent([314], at: 315))  // one look, one change
        #expect(detection.percent([], at: 315) == 0 && detection.percent([0, 316], at: 315) == 0)  // outside the window
        #expect(abs(detection.percent((0..<21).map { Double($0) * 15 + 1 }, at: 315) - 100) < 1e-9)
    }

    @Test func itStartsHighStopsLowAndStaysBetween() {
        let changes = [0.0, 60, 120, 180, 240]
        #expect(detection.isFlapping(changes, at: 300))  // 5 looks of 21: 23%
        #expect(!detection.isFlapping(Array(changes.prefix(3)), at: 300))  // 3: 13%, never over 20%
        #expect(detection.isFlapping(changes, at: 400))  // 13% now, 23% a minute ago: still
        #expect(!detection.isFlapping(changes, at: 520))  // 4%: stopped, 4½ minutes after the last change
        #expect(!detection.isFlapping([10, 11, 12, 13], at: 20))  // four changes in one look: no flapping
    }

    let b1 = "peer=vm;volume=gv0;brick=/bricks/gv0/b1"

    func flapped() -> ClusterHealth {
        var health = ClusterHealth()
        for (index, time) in [0.0, 60, 120, 180, 240, 250].enumerated() {
            health.apply(HealthEvents.event(index % 2 == 0 ? "BRICK_DISCONNECTED" : "BRICK_CONNECTED", b1, at: time))
        }
        return health
    }

    @Test func aRecoveredBrickStopsFlappingInMinutes() {
        let health = flapped()
        let now = health.report(at: 260)
        #expect(now.problems.first.map { !$0.isOpen && $0.flapping && $0.severity == .warning } == true && now.status == .warning)
        #expect(health.report(at: 250 + 5.5 * 60).problems.isEmpty)  // up for 5½ minutes: its changes out of the window
    }

    /// Acknowledged, the flapping is seen to: gone until it changes again.
    @Test func acknowledgingAFlappingProblemClearsIt() throws {
        var health = flapped()
        let id = try #require(ProblemID("brick-down/vm:/bricks/gv0/b1"))
        health.decide(.acknowledge(id), at: 270)
        #expect(health.report(at: 271).problems.isEmpty && health.report(at: 271).status == .ok)
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", b1, at: 280))
        #expect(health.report(at: 281).problems.first?.isOpen == true)
    }
}
