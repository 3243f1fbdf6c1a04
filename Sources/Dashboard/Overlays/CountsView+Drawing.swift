import GlusterEvents

extension CountsView {
    /// The title and the windows, the histogram over the window, then the three tables (side by
    /// side when the width allows, else one above the other).
    func draw(on surface: any Surface, _ frame: Frame) {
        let area = surface.clipped(to: frame.layout.content)
        let (height, width) = (area.size.rows, area.size.columns)
        let counted = frame.data.countedEvents
        PaneTitle(
            text: "EVENT COUNTS  \(window.title)",
            right: counts.map { "\(DashboardFormat.count($0.total)) event\($0.total == 1 ? "" : "s")  Esc back " } ?? "Esc back "
        ).draw(on: area, focused: true)
        let windows = CountWindow.allCases.map { $0 == window ? "[\($0.key) \($0.label)]" : " \($0.key) \($0.label) " }
        var status = "by time received"
        if counted.pending > 0 {
            let held = max(1, frame.data.events.count)
            status = "reading the held events… \(min(99, (held - counted.pending) * 100 / held))%"
        }
        area.write(Cell.fit("  window " + windows.joined(separator: " ") + "   " + status, width), row: 1, style: .muted)
        guard let counts else { return }
        let chartRows = max(1, min(6, (height - 14) / 3))
        drawHistogram(counts, on: area, top: 3, rows: chartRows, nowMillis: Int64(frame.data.now.timeIntervalSince1970 * 1000))
        let top = 3 + chartRows + 2
        let tables = area.clipped(to: Region(top: top, left: 0, height: max(0, height - top), width: width))
        guard counts.total > 0 else {
            let hint =
                frame.data.events.count == 0
                ? "  no events held yet"
                : "  no events in the \(window.title) (4: every event held)"
            tables.write(Cell.fit(hint, width), row: 0, style: .muted)
            return
        }
        drawTables(counts, on: tables, nodeNames: frame.data.nodeNames)
    }

    private func drawHistogram(_ counts: EventCounts, on area: any Surface, top: Int, rows: Int, nowMillis: Int64) {
        let width = area.size.columns
        let peak = counts.histogram.max() ?? 0
        area.write(
            Cell.fit("  EVENTS PER \(Self.duration(millis: counts.bucketMillis))  (peak \(DashboardFormat.count(peak)))", width),
            row: top - 1, style: .heading, .bold)
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for row in 0..<rows {
            // Eighths of a cell this row starts at, from the bottom.
            let floor = (rows - 1 - row) * 8
            let label = row == 0 ? DashboardFormat.compactCount(peak) : ""
            var line = String(repeating: " ", count: max(0, Self.gutter - 2 - label.count)) + label + " │"
            for count in counts.histogram {
                // Height in eighths, at least one for any event (a quiet period still shows).
                let eighths = peak == 0 || count == 0 ? 0 : max(1, count * rows * 8 / peak)
                line.append(blocks[max(0, min(8, eighths - floor))])
            }
            area.write(Cell.fit(line, width), row: top + row, style: .recovery)
        }
        // The oldest column's time under it, `now` under the newest.
        let start = DashboardFormat.eventTime(millis: counts.startMillis, nowMillis: nowMillis)
        let chartEnd = min(width, Self.gutter + counts.histogram.count)
        let axis = Cell.fit(String(repeating: " ", count: Self.gutter) + start, max(Self.gutter + Cell.width(of: start) + 1, chartEnd - 3)) + "now"
        let later = counts.later > 0 ? "  (\(DashboardFormat.count(counts.later)) received after now: the clock went back)" : ""
        area.write(Cell.fit(axis + later, width), row: top + rows, style: .muted)
    }

    private func drawTables(_ counts: EventCounts, on area: any Surface, nodeNames: [String: String]) {
        let (height, width) = (area.size.rows, area.size.columns)
        let sideBySide = width >= 3 * 40 + 4
        for table in Table.allCases {
            let region =
                sideBySide
                ? Region(top: 0, left: table.rawValue * ((width + 2) / 3), height: height, width: (width + 2) / 3 - 2)
                : Region(top: table.rawValue * (height / 3), left: 0, height: height / 3, width: width)
            drawTable(table, counts, on: area.clipped(to: region), nodeNames: nodeNames)
        }
    }

    private func drawTable(_ table: Table, _ counts: EventCounts, on area: any Surface, nodeNames: [String: String]) {
        let (height, width) = (area.size.rows, area.size.columns)
        guard height >= 3 else { return }
        let rows = rows(table)
        let focused = table == self.table
        let heading =
            switch table {
            case .types: "TYPE"
            case .nodes: "NODE"
            case .volumes:
                "VOLUME" + (counts.withoutVolume > 0 ? "  (\(DashboardFormat.count(counts.withoutVolume)) name none)" : "")
            }
        let more = rows.count > height - 2 ? "\(DashboardFormat.count(rows.count)) rows " : ""
        PaneTitle(text: heading, right: more).draw(on: area, focused: focused)
        let names = rows.map { row in
            let name = TerminalText.escaped(row.key)
            return table == .nodes ? nodeNames[row.key].map { TerminalText.escaped($0) + " " + name.prefix(8) } ?? name : name
        }
        // As wide as the longest name, leaving a bar of at least a few columns.
        let nameWidth = max(8, min(names.map(Cell.width(of:)).max() ?? 0, width - 16 - 6, 48))
        let barWidth = max(0, width - nameWidth - 16)
        area.write(Cell.fit(Cell.fit(table == .types ? "EVENT" : table == .nodes ? "NODE" : "VOLUME", nameWidth) + "   COUNT  SHARE", width), row: 1, style: .heading)
        let visible = height - 2
        let chosen = selected[table.rawValue]
        let first = max(0, min(chosen - visible + 1, rows.count - visible))
        let peak = rows.first?.count ?? 1
        for (offset, (row, name)) in zip(rows, names).dropFirst(first).prefix(visible).enumerated() {
            let count = DashboardFormat.compactCount(row.count)
            let share = counts.share(row.count)
            let bar = String(repeating: "█", count: max(1, row.count * barWidth / max(1, peak)))
            let line =
                Cell.fit(name, nameWidth) + String(repeating: " ", count: max(1, 8 - count.count)) + count
                + String(repeating: " ", count: max(1, 7 - share.count)) + share + " " + (barWidth > 0 ? bar : "")
            let style = table == .types ? Style(EventSeverity.of(row.key)) : .plain
            area.write(Cell.fit(line, width), row: 2 + offset, style: style, focused && first + offset == chosen ? [.reverse] : [])
        }
    }

    /// `500ms`, `9s`, `2m`, `3h`: a histogram column's time.
    static func duration(millis: Int64) -> String {
        millis < 1000 ? "\(millis)ms" : DashboardFormat.age(seconds: millis / 1000)
    }
}
