import GlusterEvents

/// What the counts view shows for one window: events per type, node and volume (most first), and
/// events per interval over the window (`histogram`, oldest first). Worked out in one pass over
/// the held events' facts, once per new events, window or width, never per frame.
///
/// Times are when eventsdash received each event (the sender's `ts` can say anything). Nothing
/// here traps on hostile numbers: a time far in the past or future is held at the window's edge.
struct EventCounts {
    struct Row: Equatable {
        var key: String
        var count: Int
        /// For a volume: the fields that named it, most used first (`volume`, `name`, …).
        var namedBy: [String] = []
    }

    var window: CountWindow
    /// Events in the window.
    var total = 0
    var types: [Row] = []
    var nodes: [Row] = []
    var volumes: [Row] = []
    /// Events in the window that name no volume.
    var withoutVolume = 0
    /// Events received after `endMillis` (the clock went back): counted in the last interval.
    var later = 0
    var histogram: [Int]
    /// The window's start (the oldest event's time for every event held) and end (now), and the
    /// time each histogram column stands for.
    var startMillis: Int64
    var endMillis: Int64
    var bucketMillis: Int64

    /// Counts `facts` (from `names`' table) received in `window` up to `nowMillis`, with a
    /// histogram of `buckets` columns (at least one).
    init(_ counted: CountedEvents, window: CountWindow, nowMillis: Int64, buckets: Int) {
        let buckets = max(1, buckets)
        let facts = counted.live
        self.window = window
        endMillis = nowMillis
        if let span = window.millis {
            startMillis = nowMillis.saturatingSubtracting(span)
        } else {
            startMillis = facts.reduce(nowMillis) { min($0, $1.receivedAtMillis) }
        }
        // The span is ≥ 0 (start ≤ end) and may be all of Int64 (a hostile time). A column is the
        // first round time (1s, 2s, 5s, … 1h, … whole days) that fits the span in `buckets`.
        let span = endMillis.saturatingSubtracting(startMillis)
        bucketMillis = Self.roundStep(atLeast: span / Int64(buckets) + (span % Int64(buckets) == 0 ? 0 : 1))
        let columns = span / bucketMillis + (span % bucketMillis == 0 ? 0 : 1)
        histogram = Array(repeating: 0, count: Int(max(1, min(Int64(buckets), columns))))
        var perType = [Int](repeating: 0, count: counted.names.count)
        var perNode = perType
        var perVolume = perType
        var perVolumeField: [Int32: [Int32: Int]] = [:]
        for fact in facts where fact.receivedAtMillis >= startMillis {
            total += 1
            perType[Int(fact.type)] += 1
            perNode[Int(fact.node)] += 1
            if fact.volume >= 0 {
                perVolume[Int(fact.volume)] += 1
                perVolumeField[fact.volume, default: [:]][fact.volumeField, default: 0] += 1
            } else {
                withoutVolume += 1
            }
            if fact.receivedAtMillis > endMillis { later += 1 }
            // Columns end at now (the last one: the latest step), so a window's oldest column may be partial.
            let beforeEnd = endMillis.saturatingSubtracting(min(fact.receivedAtMillis, endMillis)) / bucketMillis
            histogram[histogram.count - 1 - Int(min(Int64(histogram.count - 1), beforeEnd))] += 1
        }
        func rows(_ counts: [Int]) -> [(id: Int32, row: Row)] {
            counts.indices.filter { counts[$0] > 0 }.map { (Int32($0), Row(key: counted.names[$0], count: counts[$0])) }
                .sorted { ($0.row.count, $1.row.key) > ($1.row.count, $0.row.key) }
        }
        types = rows(perType).map(\.row)
        nodes = rows(perNode).map(\.row)
        volumes = rows(perVolume).map { id, row in
            var row = row
            row.namedBy = (perVolumeField[id] ?? [:]).filter { $0.key >= 0 }
                .sorted { ($0.value, counted.name($1.key)) > ($1.value, counted.name($0.key)) }.map { counted.name($0.key) }
            return row
        }
    }

    /// Round column times, in milliseconds, up to a day; past a day, whole days.
    static let roundSteps: [Int64] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    ].map { $0 * 1000 }

    /// The first round step of at least `millis` (≥ 1 s).
    static func roundStep(atLeast millis: Int64) -> Int64 {
        if let step = roundSteps.first(where: { $0 >= millis }) { return step }
        let day: Int64 = 86_400_000
        return (millis / day + (millis % day == 0 ? 0 : 1)).saturatingMultiplied(by: day)
    }

    /// The share of the window's events `count` is, as `12.5%`.
    func share(_ count: Int) -> String {
        guard total > 0 else { return "" }
        let tenths = count * 1000 / total
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
