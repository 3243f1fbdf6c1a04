/// Flapping as Nagios and Icinga detect it: the state is looked at in `samples` slots of `slot`
/// seconds (the newest ending now); the share of slots in which it changed, newer slots weighing
/// more (0.8 for the oldest to 1.2 for the newest), is its percent state change. It starts flapping
/// at `high` percent and stops below `low` (between the two it stays as it was: hysteresis), so a
/// recovered entity stops flapping once its changes age out — a few minutes.
///
/// With the defaults (15 s slots, 21 of them: 5¼ minutes; 20% and 5%): four changes in separate
/// slots of the last five minutes make it flap; a single change, once the others are gone, ends it.
public struct FlapDetection: Sendable, Equatable {
    public var slot: Double = 15
    public var samples = 21
    public var high = 20.0
    public var low = 5.0

    public init() {}

    /// The window looked at (seconds).
    public var window: Double { slot * Double(samples) }

    /// The percent state change at `now` of an entity that changed at `changes` (any order).
    public func percent(_ changes: [Double], at now: Double) -> Double {
        guard samples > 1, slot > 0 else { return 0 }
        var weighted = 0.0
        var total = 0.0
        let start = now - window
        var changed = [Bool](repeating: false, count: samples)
        for time in changes where time > start && time <= now {
            let index = min(samples - 1, Int((time - start) / slot))
            changed[index] = true
        }
        for index in 0..<samples {
            let weight = 0.8 + 0.4 * Double(index) / Double(samples - 1)
            total += weight
            if changed[index] { weighted += weight }
        }
        return weighted / total * 100
    }

    /// Whether it flaps at `now`: over `high`, or over `low` having been over `high` within the window.
    public func isFlapping(_ changes: [Double], at now: Double) -> Bool {
        let recent = changes.filter { $0 > now - 2 * window && $0 <= now }
        guard recent.count >= 2 else { return false }  // one change is no flapping
        let current = percent(recent, at: now)
        if current >= high { return true }
        guard current >= low else { return false }
        return (1...samples).contains { percent(recent, at: now - Double($0) * slot) >= high }
    }
}
