/// Which events the events pane shows: the newest (following), or a fixed place the user
/// scrolled to (paused) that new events never move.
struct EventsViewport: Equatable {
    enum Mode: Equatable {
        case following
        /// Paused with this sequence number on the top row.
        case paused(top: UInt64)
    }

    var mode = Mode.following

    var isPaused: Bool { mode != .following }

    /// The sequence on the top row, for `rows` rows over the events held (`held`).
    func top(rows: Int, held: ClosedRange<UInt64>) -> UInt64 {
        let lastTop = Self.lastTop(rows: rows, held: held)
        switch mode {
        case .following: return lastTop
        case .paused(let top): return min(max(top, held.lowerBound), lastTop)
        }
    }

    /// Moves by `delta` rows (negative: towards older events). Any move pauses; only `follow()`
    /// resumes following.
    mutating func scroll(by delta: Int, rows: Int, held: ClosedRange<UInt64>?) {
        guard let held else { return }
        let current = Int64(top(rows: rows, held: held))
        let moved = max(Int64(held.lowerBound), min(Int64(Self.lastTop(rows: rows, held: held)), current + Int64(delta)))
        mode = .paused(top: UInt64(moved))
    }

    /// To the oldest event held (pauses).
    mutating func home(held: ClosedRange<UInt64>?) {
        guard let held else { return }
        mode = .paused(top: held.lowerBound)
    }

    /// Back to the newest events, following again.
    mutating func follow() { mode = .following }

    /// Pause where the view is now, or follow again.
    mutating func togglePause(rows: Int, held: ClosedRange<UInt64>?) {
        if isPaused {
            follow()
        } else if let held {
            mode = .paused(top: top(rows: rows, held: held))
        }
    }

    private static func lastTop(rows: Int, held: ClosedRange<UInt64>) -> UInt64 {
        let count = UInt64(max(rows, 1))
        return held.upperBound >= held.lowerBound + count ? held.upperBound - count + 1 : held.lowerBound
    }
}
