import GlusterEvents

/// `c`: how many events of each type, node and volume came in a window (10 minutes, an hour, a
/// day, or every event held), with a histogram of events over the window; Enter on a row narrows
/// the events pane to those events. The counts are worked out in `fit` — when new events, another
/// window or another width ask for it, never per frame — from `CountedEvents`.
struct CountsView: Overlay {
    enum Table: Int, CaseIterable {
        case types, nodes, volumes
    }

    var window = CountWindow.tenMinutes
    /// The table the arrows move in, and the row selected in each.
    var table = Table.types
    var selected = [0, 0, 0]
    /// The counts as last worked out (nil until the first `fit`).
    private(set) var counts: EventCounts?
    /// What they were worked out from: the facts' version, the histogram's width.
    private var countedVersion = -1
    private var countedBuckets = 0
    /// Bumped whenever the held facts change (`fit` compares it).
    private var factsVersion = 0
    /// Some held events are not decoded yet.
    private(set) var isWorking = false

    var hidesPanes: Bool { true }
    var keyHints: String? {
        " Esc back  1 10m  2 1h  3 24h  4 all held  Tab ←→ table  ↑↓ row  Enter filter events to it  ? help  q quit"
    }

    /// The histogram's columns in a content area `width` wide (after its scale).
    static func histogramColumns(width: Int) -> Int { max(1, width - Self.gutter - 2) }
    static let gutter = 9

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch key {
        case .character("q"): return [.command(.quit)]
        case .escape, .backspace, .character("c"): return [.close]
        case .character("?"), .function(1): return [.open(HelpOverlay())]
        case .character(let typed) where CountWindow.allCases.contains { $0.key == typed }:
            window = CountWindow.allCases.first { $0.key == typed }!
            selected = [0, 0, 0]
        case .character("w"):
            let all = CountWindow.allCases
            window = all[(all.firstIndex(of: window)! + 1) % all.count]
            selected = [0, 0, 0]
        case .tab, .right, .character("l"): table = Table(rawValue: (table.rawValue + 1) % 3)!
        case .backTab, .left, .character("h"): table = Table(rawValue: (table.rawValue + 2) % 3)!
        case .up, .character("k"), .mouse(.wheelUp): move(by: -1)
        case .down, .character("j"), .mouse(.wheelDown): move(by: 1)
        case .pageUp: move(by: -10)
        case .pageDown: move(by: 10)
        case .home, .character("g"): selected[table.rawValue] = 0
        case .end, .character("G"): move(by: Int.max / 2)
        case .enter: return filterToSelected()
        default: return [.unknownKey(key)]
        }
        return []
    }

    /// The rows of `table` in the counts worked out.
    func rows(_ table: Table) -> [EventCounts.Row] {
        guard let counts else { return [] }
        return switch table {
        case .types: counts.types
        case .nodes: counts.nodes
        case .volumes: counts.volumes
        }
    }

    private mutating func move(by step: Int) {
        let count = rows(table).count
        let moved = selected[table.rawValue].addingReportingOverflow(step).partialValue
        selected[table.rawValue] = max(0, min(count - 1, moved))
    }

    /// Enter: the events pane narrowed to the selected row's events (the filter language's
    /// `event:`, `node:` and `key=value`), with what the filter leaves out said.
    private func filterToSelected() -> [Reaction] {
        let rows = rows(table)
        guard rows.indices.contains(selected[table.rawValue]) else { return [.say("no events to filter to in this window", isError: true)] }
        let row = rows[selected[table.rawValue]]
        // A name the filter language cannot hold as one exact word (spaces, quotes, globs).
        guard !row.key.isEmpty, !row.key.contains(where: { " \"*?[\\".contains($0) }), !row.key.hasPrefix("-") else {
            return [.say("\(TerminalText.escaped(row.key)) cannot be written as a filter word: / to filter by hand", isError: true)]
        }
        let text: String
        var note: String?
        switch table {
        case .types: text = "event:" + row.key
        case .nodes: text = "node:" + row.key
        case .volumes:
            let field = row.namedBy.first ?? "volume"
            text = field == "subvol" ? "subvol=\(row.key)-*" : "\(field)=\(row.key)"
            if row.namedBy.count > 1 {
                note = "filter \(text): events that name \(row.key) by \(row.namedBy.dropFirst().map { $0 + "=" }.joined(separator: ", ")) are left out"
            }
        }
        guard let filter = try? EventFilter(parsing: text) else { return [.say("cannot filter by \(TerminalText.escaped(text))", isError: true)] }
        return [.close, .filter(filter)] + (note.map { [.say(TerminalText.escaped($0))] } ?? [])
    }

    /// Takes in new events and works the counts out again when the events, the window or the
    /// width changed, or the window has moved on by a histogram column.
    mutating func fit(to frame: Frame) {
        let counted = frame.data.countedEvents
        if counted.update(from: frame.data.events) { factsVersion += 1 }
        isWorking = counted.pending > 0
        let nowMillis = Int64(frame.data.now.timeIntervalSince1970 * 1000)
        let buckets = Self.histogramColumns(width: frame.layout.content.width)
        // New events alone count again at most twice a second (a flood changes them every frame).
        let stale =
            counts.map {
                let age = nowMillis.saturatingSubtracting($0.endMillis)
                return $0.window != window || countedBuckets != buckets || age >= max(1000, $0.bucketMillis)
                    || (countedVersion != factsVersion && (age >= 500 || age < 0))
            } ?? true
        if stale {
            counts = EventCounts(counted, window: window, nowMillis: nowMillis, buckets: buckets)
            countedVersion = factsVersion
            countedBuckets = buckets
        }
        for table in Table.allCases {
            selected[table.rawValue] = max(0, min(rows(table).count - 1, selected[table.rawValue]))
        }
    }
}
