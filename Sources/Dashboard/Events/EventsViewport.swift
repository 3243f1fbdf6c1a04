/// Which events the events pane shows and which one is selected: the newest (following), or a
/// place the user moved to (paused) that new events never move. Positions are kept as sequence
/// numbers, so they survive new events, the ring dropping old ones, and filter changes.
struct EventsViewport: Equatable {
    enum Mode: Equatable {
        case following
        /// Paused with `selected` highlighted and `top` on the first row.
        case paused(selected: UInt64, top: UInt64)
    }

    private(set) var mode = Mode.following
    /// The newest row when the view was paused: what came after it is new.
    private(set) var newestAtPause: UInt64?

    var isPaused: Bool { mode != .following }

    /// Pauses at `selected` with `top` on the first row (from following: noting the newest row).
    mutating func pause(selected: UInt64, top: UInt64, rows: EventRows) {
        if !isPaused { newestAtPause = rows.isEmpty ? nil : rows.sequence(at: rows.count - 1) }
        mode = .paused(selected: selected, top: top)
    }

    /// How many rows came after the newest one there was when the view was paused.
    func newSincePause(rows: EventRows) -> Int {
        guard isPaused, let newestAtPause, !rows.isEmpty else { return 0 }
        let first = rows.index(atOrAfter: newestAtPause + 1)
        return rows.sequence(at: first) > newestAtPause ? rows.count - first : 0
    }

    /// Indices (into `rows`) of the first visible row and of the selected row, for `height` rows.
    /// The view is kept full while there are rows above it (as a pager does at the end): a paused
    /// place near the newest, or a filter's few matches, never leaves rows hidden above blank ones.
    func placement(height: Int, rows: EventRows) -> (top: Int, selected: Int)? {
        guard !rows.isEmpty else { return nil }
        let height = max(1, height)
        let last = rows.count - 1
        switch mode {
        case .following:
            return (max(0, last - height + 1), last)
        case .paused(let selected, let top):
            let selectedIndex = rows.index(atOrAfter: selected)
            let topIndex = min(max(rows.index(atOrAfter: top), selectedIndex - height + 1), selectedIndex, rows.count - height)
            return (max(0, topIndex), selectedIndex)
        }
    }

    /// The selected event's sequence number.
    func selectedSequence(height: Int, rows: EventRows) -> UInt64? {
        placement(height: height, rows: rows).map { rows.sequence(at: $0.selected) }
    }

    /// How many rows are out of view above and below it, for `height` rows.
    func hidden(height: Int, rows: EventRows) -> (above: Int, below: Int) {
        guard let (top, _) = placement(height: height, rows: rows) else { return (0, 0) }
        return (top, max(0, rows.count - top - max(1, height)))
    }

    /// Moves the selection by `delta` rows (negative: towards older events), the view following it.
    /// Any move pauses; only `follow()` resumes following.
    mutating func move(by delta: Int, height: Int, rows: EventRows) {
        guard let (top, selected) = placement(height: height, rows: rows) else { return }
        let last = rows.count - 1
        let newSelected = min(max(selected + delta, 0), last)
        var newTop = min(max(top + (abs(delta) >= height ? delta : 0), 0), max(0, last - height + 1))
        if newSelected < newTop { newTop = newSelected }
        if newSelected >= newTop + height { newTop = newSelected - height + 1 }
        pause(selected: rows.sequence(at: newSelected), top: rows.sequence(at: newTop), rows: rows)
    }

    /// Selects the `offset`-th visible row (a mouse click), pausing.
    mutating func select(visibleRow offset: Int, height: Int, rows: EventRows) {
        guard let (top, selected) = placement(height: height, rows: rows), top + offset < rows.count else { return }
        move(by: top + offset - selected, height: height, rows: rows)
    }

    /// To the oldest event held (pauses).
    mutating func home(rows: EventRows) {
        guard !rows.isEmpty else { return }
        pause(selected: rows.sequence(at: 0), top: rows.sequence(at: 0), rows: rows)
    }

    /// Back to the newest events, following again.
    mutating func follow() {
        mode = .following
        newestAtPause = nil
    }

    /// Pause where the view is now, or follow again.
    mutating func togglePause(height: Int, rows: EventRows) {
        if isPaused {
            follow()
        } else if let (top, selected) = placement(height: height, rows: rows) {
            pause(selected: rows.sequence(at: selected), top: rows.sequence(at: top), rows: rows)
        }
    }
}
