import GlusterEvents

/// Event types arriving far above their usual rate: each type's count a minute against its own
/// rolling baseline (an average that forgets with a half-life of about 20 minutes).
struct BurstDetector: Sendable {
    /// A minute's count that is a burst: at least `minimum`, and `factor` times the usual.
    static let minimum = 30
    static let factor = 10.0
    /// The weight of the latest minute in the baseline.
    static let weight = 1.0 / 30

    /// The minute counted now (times are clamped: their differences cannot overflow).
    private var minute: Int64?
    private var counts: [String: Int] = [:]
    private var lastMinute: [String: Int] = [:]
    private var baseline: [String: Double] = [:]

    /// Counts an event; names outside the catalog count together, so the table stays small.
    mutating func count(_ name: String, at time: Double) {
        advance(to: Self.minute(of: time))
        if (counts[name]? += 1) == nil {
            counts[EventCatalog.number(of: name) == nil ? "(not in the catalog)" : name, default: 0] += 1
        }
    }

    /// The types bursting in the present minute or the one before.
    func bursts(at now: Double) -> [Burst] {
        guard let minute else { return [] }
        let recent: [String: Int] =
            switch Self.minute(of: now) - minute {
            case 0: counts.merging(lastMinute) { max($0, $1) }
            case 1: counts
            default: [:]
            }
        return recent.compactMap { name, count in
            let usual = baseline[name] ?? 0
            guard count >= Self.minimum, Double(count) >= Self.factor * max(usual, 1) else { return nil }
            return Burst(event: name, perMinute: count, usualPerMinute: usual)
        }.sorted { $0.perMinute > $1.perMinute }
    }

    private mutating func advance(to next: Int64) {
        guard let minute else {
            self.minute = next
            return
        }
        guard next > minute else { return }
        let skipped = min(next - minute - 1, 600)
        for name in Set(baseline.keys).union(counts.keys) {
            var value = (baseline[name] ?? 0) * (1 - Self.weight) + Double(counts[name] ?? 0) * Self.weight
            for _ in 0..<skipped { value *= 1 - Self.weight }
            baseline[name] = value
        }
        lastMinute = next - minute == 1 ? counts : [:]
        counts = [:]
        self.minute = next
    }

    private static func minute(of time: Double) -> Int64 {
        time.isFinite ? Int64(max(min(time / 60, 1e15), -1e15)) : 0
    }
}

/// An event type arriving far above its usual rate.
public struct Burst: Sendable, Equatable {
    public var event: String
    public var perMinute: Int
    public var usualPerMinute: Double
}
