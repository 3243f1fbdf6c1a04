import Foundation

/// Events per second over the last minute, from a running total sampled as time passes, and its
/// sparkline for the header.
struct EventRateHistory: Equatable {
    static let seconds = 60

    /// Per-second rates, oldest first, at most `seconds` of them.
    private(set) var rates: [Int] = []
    private var last: (second: Int, total: Int)?

    /// Records the running `total` at wall-clock `second`. Seconds skipped (a busy frame) share
    /// the difference evenly.
    mutating func record(total: Int, at second: Int) {
        guard let last else {
            self.last = (second, total)
            return
        }
        guard second > last.second else { return }
        let elapsed = second - last.second
        let perSecond = max(0, total - last.total) / elapsed
        rates.append(contentsOf: repeatElement(perSecond, count: min(elapsed, Self.seconds)))
        if rates.count > Self.seconds { rates.removeFirst(rates.count - Self.seconds) }
        self.last = (second, total)
    }

    /// The last full second's rate.
    var current: Int { rates.last ?? 0 }

    var peak: Int { rates.max() ?? 0 }

    private static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The newest `width` seconds as bars on a logarithmic scale: a second's height is
    /// `log1p(rate) / log1p(peak)` (the peak of the seconds shown), each eighth of it one bar up,
    /// the peak `█`. So a quiet second after a burst stays readable — at a peak of 10,000/s, 1/s
    /// is `▁`, 10/s `▃`, 100/s `▅` and 1,000/s `▇` (on a linear scale all four were `▁`) — and any
    /// second with events has at least `▁`, while one without is a space.
    func sparkline(width: Int) -> String {
        let shown = rates.suffix(width)
        let peak = log1p(Double(max(1, shown.max() ?? 0)))
        let bars = shown.map { rate -> Character in
            guard rate > 0 else { return " " }
            return Self.bars[min(Self.bars.count - 1, Int(log1p(Double(rate)) / peak * Double(Self.bars.count)))]
        }
        return String(repeating: " ", count: max(0, width - bars.count)) + String(bars)
    }

    static func == (a: EventRateHistory, b: EventRateHistory) -> Bool { a.rates == b.rates }
}
