import EventsEngine
import GlusterEvents

/// The events held (or those the filter matches), one a row, oldest at the top: following the
/// newest, or paused where the user moved to; those the search matches underlined. Enter opens
/// the selected one in full.
struct EventsPane: Pane {
    var viewport = EventsViewport()
    /// Columns of the FIELDS column scrolled out of view to the left (`→`; `←` back), for fields
    /// longer than the screen is wide.
    var fieldsOffset = 0
    static let fieldsStep = 20
    static let maxFieldsOffset = 1 << 16

    /// The event selected (while following: the newest), with the pane's body in `area`.
    func selectedSequence(rows: EventRows, area: Region) -> UInt64? {
        viewport.selectedSequence(height: Self.eventRows(area), rows: rows)
    }

    /// Event rows in `area`, below the column names.
    private static func eventRows(_ area: Region) -> Int { max(1, area.height - 1) }

    func title(_ frame: Frame) -> PaneTitle {
        let events = frame.data.events
        var title = PaneTitle(
            text: "EVENTS  " + (viewport.isPaused ? "PAUSED" : "following"), right: "\(DashboardFormat.count(events.count)) held ")
        // Scrolled back past what is held: these rows are read from the log.
        if let reachable = frame.data.reachable, let held = events.sequences, reachable.lowerBound < held.lowerBound {
            title.right = "\(DashboardFormat.count(events.count)) held, the log from #\(reachable.lowerBound) "
            if viewport.isPaused, frame.filter == nil, let area = frame.layout.region(of: Self.self)?.body,
                let top = viewport.placement(height: Self.eventRows(area), rows: frame.rows)?.top,
                frame.data.isFromLog(frame.rows.sequence(at: top))
            {
                title.text += "  — from the log"
            }
        }
        if let filter = frame.filter {
            title.text += "   filter: \(TerminalText.escaped(filter.filter.description))  (Esc clears)"
            // Out of every event reached: those held and the log's before them.
            let reachable = frame.data.reachable
            let total = reachable.map { Int($0.upperBound - $0.lowerBound) + 1 } ?? 0
            let progress = filter.progress(reachable: reachable, held: events.sequences)
            title.right =
                "\(DashboardFormat.count(filter.matchCount)) of \(DashboardFormat.count(total))"
                + (progress < 1 ? String(format: ", scanning %.0f%%", progress * 100) : "")
                + (filter.isLogCapped ? ", older not listed" : "") + " "
        }
        if let search = frame.search { title.text += "   search: \(TerminalText.escaped(search.description))  (n N)" }
        if fieldsOffset > 0 { title.text += "   fields → \(fieldsOffset) (← back)" }
        let new = viewport.newSincePause(rows: frame.rows)
        if new > 0 { title.text += "   \(DashboardFormat.count(new)) new (End)" }
        if viewport.isPaused || frame.filter != nil, let area = frame.layout.region(of: Self.self)?.body {
            title.right = scrollHint(height: Self.eventRows(area), rows: frame.rows) + title.right
        }
        return title
    }

    /// `↑ 12 more above  ↓ 3 more below  `: rows out of view, so a paused or filtered view never
    /// hides events silently (the keys that scroll to them are in the key bar).
    private func scrollHint(height: Int, rows: EventRows) -> String {
        let hidden = viewport.hidden(height: height, rows: rows)
        return (hidden.above > 0 ? "↑ \(DashboardFormat.count(hidden.above)) more above  " : "")
            + (hidden.below > 0 ? "↓ \(DashboardFormat.count(hidden.below)) more below  " : "")
    }

    /// Column names, then the rows in view, the selected one in reverse, the search's matches
    /// bold and underlined.
    func draw(on surface: any Surface, focused: Bool, _ frame: Frame) {
        let (height, width) = (surface.size.rows - 1, surface.size.columns)
        let data = frame.data
        let rows = frame.rows
        guard let placement = viewport.placement(height: height, rows: rows) else {
            surface.write(Cell.fit(EventRow.header(), width), row: 0, style: .heading, .bold)
            let hint =
                frame.filter != nil
                ? "  no event matches the filter" + (frame.filter?.isLogComplete == false ? " yet (scanning the log)" : "")
                    + " (/ to change it, Esc to clear it)"
                : "  waiting for events — try: \(Self.sendCommand(data.status))  (UDP \(data.status.listen.joined(separator: " ")))"
            surface.write(Cell.fit(TerminalText.escaped(hint), width), row: 1, style: .muted)
            return
        }
        let visibleCount = min(height, rows.count - placement.top)
        let sequences = (0..<visibleCount).map { rows.sequence(at: placement.top + $0) }
        // Consecutive sequences (no filter) come out of the ring in one call.
        let entries =
            if case .all = rows { data.entries(from: sequences[0], count: visibleCount) }
            else { sequences.compactMap { frame.filter?.entry($0, data) } }
        let nodeNames = data.nodeNames
        let nowMillis = Int64(data.now.timeIntervalSince1970 * 1000)
        let shown = entries.map { entry in
            let row = data.rowCache.row(entry, nodeNames: nodeNames)
            return (row: row, time: DashboardFormat.eventTime(millis: row.receivedAtMillis, nowMillis: nowMillis))
        }
        // The TIME column widens for a date while a row in view needs one.
        let timeWidth = shown.reduce(EventRow.clockWidth) { max($0, Cell.width(of: $1.time)) }
        surface.write(Cell.fit(EventRow.header(timeWidth: timeWidth), width), row: 0, style: .heading, .bold)
        for (row, time) in shown {
            guard let offset = sequences.firstIndex(of: row.sequence) else { continue }
            let selected = placement.top + offset == placement.selected && (viewport.isPaused || focused)
            var attributes: TextAttributes = selected ? [.reverse] : []
            if frame.search?.matches(row) == true { attributes.formUnion([.bold, .underline]) }
            surface.write(
                row.line(width: width, time: time, timeWidth: timeWidth, fieldsOffset: fieldsOffset), row: 1 + offset,
                style: Style(row.severity), attributes)
        }
    }

    /// An `eventsdash send` that reaches this engine as typed: `--port` away from 55555 (send
    /// would take its own workdir's config, not this one's), and `--host` (the first address
    /// listened on) when none is 0.0.0.0 or 127.0.0.1, where send sends by default.
    static func sendCommand(_ status: EngineStatus) -> String {
        let hosts = status.listen.map { address in
            let host = address.lastIndex(of: ":").map { address[..<$0] } ?? address[...]
            return String(host.hasPrefix("[") && host.hasSuffix("]") ? host.dropFirst().dropLast() : host)
        }
        let host = hosts.contains { $0 == "0.0.0.0" || $0 == "127.0.0.1" } ? nil : hosts.first
        return "eventsdash send" + (status.port != EventsConfig.glusterSendersPort ? " --port \(status.port)" : "")
            + (host.map { " --host \($0)" } ?? "") + " VOLUME_CREATE name=test"
    }

    func keyHints() -> String {
        // 119 columns following: the key bar fits 120 (n N and the detail view's name are in the help)
        "/ filter  s search  @ time  c counts  v cluster  Enter event  Space pause  events: "
            + (viewport.isPaused ? "PAUSED (End: follow)" : "following")
    }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        let height = Self.eventRows(context.area)
        let rows = context.rows
        switch key {
        case .up, .character("k"): viewport.move(by: -1, height: height, rows: rows)
        case .down, .character("j"): viewport.move(by: 1, height: height, rows: rows)
        case .pageUp, .control("b"): viewport.move(by: -height, height: height, rows: rows)
        case .pageDown, .control("f"): viewport.move(by: height, height: height, rows: rows)
        case .home, .character("g"): viewport.home(rows: rows)
        case .end, .character("G"): viewport.follow()
        case .character(" "): viewport.togglePause(height: height, rows: rows)
        case .right, .character("l"): fieldsOffset = min(Self.maxFieldsOffset, fieldsOffset + Self.fieldsStep)
        case .left, .character("h"): fieldsOffset = max(0, fieldsOffset - Self.fieldsStep)
        case .enter:
            if let sequence = selectedSequence(rows: rows, area: context.area) { return [.open(EventDetailView(sequence: sequence))] }
        default: return [.unknownKey(key)]
        }
        return []
    }

    /// Selects the nearest row after the selected one (`newer`: below) or before it that
    /// `matches`, or the selected row itself if it matches and `includingSelected`. Returns
    /// whether one did.
    mutating func select(
        nextMatch matches: (UInt64) -> Bool, newer: Bool, includingSelected: Bool = false, rows: EventRows, area: Region
    ) -> Bool {
        let height = Self.eventRows(area)
        guard let (_, selected) = viewport.placement(height: height, rows: rows) else { return false }
        let start = includingSelected ? selected : selected + (newer ? 1 : -1)
        let indices = newer ? Array(stride(from: start, to: rows.count, by: 1)) : Array(stride(from: start, through: 0, by: -1))
        guard let found = indices.first(where: { matches(rows.sequence(at: $0)) }) else { return false }
        viewport.move(by: found - selected, height: height, rows: rows)
        return true
    }

    /// The wheel scrolls three rows; a click selects a row, a double click opens it.
    mutating func handle(_ mouse: MouseAction, _ context: KeyContext) -> [Reaction] {
        let height = Self.eventRows(context.area)
        switch mouse {
        case .wheelUp: viewport.move(by: -3, height: height, rows: context.rows)
        case .wheelDown: viewport.move(by: 3, height: height, rows: context.rows)
        case .click(let row, _), .doubleClick(let row, _):
            // Row 0 holds the column names.
            if row >= 1 { viewport.select(visibleRow: row - 1, height: height, rows: context.rows) }
            if case .doubleClick = mouse { return handle(.enter, context) }
        }
        return []
    }
}
