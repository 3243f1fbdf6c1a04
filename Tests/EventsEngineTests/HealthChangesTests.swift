import ClusterHealth
import Testing

@testable import EventsEngine

/// The operator log hears of a problem once when it opens and once when it clears.
@Suite struct HealthChangesTests {
    private func report(_ events: [(String, [String: String])]) -> HealthReport {
        var health = ClusterHealth()
        for (name, fields) in events { health.apply(HealthEvent(name: name, fields: fields, node: "n", time: 100)) }
        return health.report(at: 200)
    }

    let b1 = ["peer": "vm", "volume": "gv0", "brick": "/b1"]

    @Test func aProblemIsToldWhenItOpensAndWhenItClears() {
        let down = report([("BRICK_DISCONNECTED", b1), ("QUORUM_LOST", ["volume": "gv0"])])
        let opened = HealthChanges.between(.empty, down)
        #expect(opened.map(\.level) == [.error, .warning])
        #expect(opened.map(\.message) == ["health: server quorum lost: gv0", "health: brick down: vm:/b1 (gv0)"])
        #expect(HealthChanges.between(down, down).isEmpty)
        let up = report([("BRICK_DISCONNECTED", b1), ("QUORUM_LOST", ["volume": "gv0"]), ("BRICK_CONNECTED", b1)])
        #expect(HealthChanges.between(down, up) == [OperatorLine(level: .info, message: "health: cleared: brick down: vm:/b1 (gv0)")])
    }

    @Test func manyChangesAtOnceAreCounted() {
        let many = report((0..<50).map { ("QUORUM_LOST", ["volume": "v\($0)"]) })
        let lines = HealthChanges.between(.empty, many)
        #expect(lines.count == HealthChanges.maxLines + 1)
        #expect(lines.last?.message == "health: 40 more changes (see eventsdash health)")
    }
}
