import GlusterEvents

extension DashboardView {
    /// The events pane: title (with follow/pause, the filter and counts), column names, and the
    /// rows in view, the selected one highlighted.
    func drawEvents() {
        let pane = layout.events
        let held = data.events.sequences
        let rows = state.rows(held: held)
        let height = pane.contentHeight(columnNames: true)
        var title = "EVENTS  " + (state.viewport.isPaused ? "PAUSED" : "following")
        var right = "\(DashboardFormat.count(data.events.count)) held "
        if let filter = state.filter {
            title += "   filter: \(TerminalText.escaped(filter.filter.description))  (Esc clears)"
            let progress = filter.progress(held: held)
            right =
                "\(DashboardFormat.count(filter.matchCount)) of \(DashboardFormat.count(data.events.count))"
                + (progress < 1 ? String(format: ", scanning %.0f%%", progress * 100) : "") + " "
        }
        drawTitle(title, pane: pane, focused: state.focus == .events, right: right)
        screen.write(Cell.fit(EventRow.header, pane.width), row: pane.top + 1, style: .heading, .bold)

        let top = pane.contentTop(columnNames: true)
        guard let placement = state.viewport.placement(height: height, rows: rows) else {
            let hint =
                state.filter != nil
                ? "  no held event matches the filter (/ to change it, Esc to clear it)"
                : "  waiting for events on UDP \(data.status.listen.joined(separator: " ")) — try: eventsdash send VOLUME_CREATE name=test"
            screen.write(Cell.fit(TerminalText.escaped(hint), pane.width), row: top, style: .muted)
            return
        }
        let visibleCount = min(height, rows.count - placement.top)
        let sequences = (0..<visibleCount).map { rows.sequence(at: placement.top + $0) }
        // Consecutive sequences (no filter) come out of the ring in one call.
        let entries =
            if case .all = rows { data.events.entries(from: sequences[0], count: visibleCount) }
            else { sequences.compactMap { data.events.entries(from: $0, count: 1).first } }
        let nodeNames = data.nodeNames
        for entry in entries {
            guard let offset = sequences.firstIndex(of: entry.sequence) else { continue }
            let row = data.rowCache.row(entry, nodeNames: nodeNames)
            let selected = placement.top + offset == placement.selected && (state.viewport.isPaused || state.focus == .events)
            screen.write(
                row.line(width: pane.width), row: top + offset, style: Self.style(for: row.severity),
                selected ? [.reverse] : [])
        }
    }

    static func style(for severity: EventSeverity) -> Screen.Style {
        switch severity {
        case .problem: .problem
        case .warning: .warning
        case .recovery: .recovery
        case .info: .plain
        }
    }
}
