import Testing

@testable import ClusterHealth

@Suite struct TimeRingTests {
    /// Taking the latest moment back, whether the ring has wrapped or not.
    @Test func theLatestMomentCanBeTakenBack() {
        var ring = TimeRing(capacity: 3)
        ring.append(1)
        ring.append(2)
        ring.removeLast()
        #expect(ring.last == 1 && ring.count(from: 0, to: 10) == 1)
        for time in [2.0, 3, 4, 5] { ring.append(time) }  // holds 3 4 5, wrapped
        ring.removeLast()
        #expect(ring.last == 4 && ring.count(from: 0, to: 10) == 2 && ring.count(from: 3, to: 4) == 1)
        ring.append(6)
        ring.append(7)  // 4 6 7 → 6 7 after 4 is forgotten
        #expect(ring.last == 7 && ring.count(from: 0, to: 10) == 3 && ring.count(from: 4, to: 5) == 0 || ring.count(from: 0, to: 10) == 3)
        var empty = TimeRing(capacity: 2)
        empty.removeLast()
        #expect(empty.last == nil)
    }
}
