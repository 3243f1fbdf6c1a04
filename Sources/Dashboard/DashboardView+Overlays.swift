import EventLog
import Foundation
import GlusterEvents
import WebhookDelivery

extension DashboardView {
    /// The keys, in a box over the panes.
    static let helpLines = [
        "eventsdash — keys",
        "",
        "Tab Shift-Tab  move between the events, webhooks and config panes",
        "↑ ↓  j k      move the selection (in events: pauses the view)",
        "PgUp PgDn     one page          g G  Home End  oldest / newest",
        "Space         pause or follow   End  follow again",
        "/             filter events: text, event:VOLUME_*, node:ID, key=value,",
        "              -word excludes, \"a phrase\"; Esc clears the filter",
        "Enter         event in full (JSON, delivery; r redelivers it); Esc back",
        "Webhooks      Enter: the webhook in full, with the events given up on",
        "              (r redelivers one)   a add  e edit  d delete  t test-ping",
        "              r redeliver the selected event to the selected webhook",
        "              ⚠ before a URL: its TLS certificate is not checked",
        "Config        Enter edit the value (events log: Enter toggles)",
        "Mouse         wheel scrolls, click selects, double-click opens",
        "? F1          this help        q  quit (the engine stops too)",
        "",
        "Colours: red problems, yellow limits crossed, green recoveries.",
        "Any key closes this help.",
    ]

    func drawHelp() {
        drawBox(lines: Self.helpLines.map { ($0, Screen.Style.plain) }, title: nil)
    }

    /// Lines in a centred box; the first line bold when there is no title.
    private func drawBox(lines: [(String, Screen.Style)], title: String?) {
        let width = min(layout.columns - 4, (lines.map { Cell.width(of: $0.0) }.max() ?? 0) + 4)
        let top = max(1, (layout.rows - lines.count - 2) / 2)
        let left = max(0, (layout.columns - width) / 2)
        let rule = String(repeating: "─", count: max(0, width - 2))
        let heading = title.map { "─ \($0) " } ?? ""
        let topRule = heading + String(repeating: "─", count: max(0, width - 2 - Cell.width(of: heading)))
        screen.write("┌" + topRule + "┐", row: top, column: left, style: .heading)
        for (index, line) in lines.enumerated() where top + 1 + index < layout.rows - 1 {
            screen.write("│ ", row: top + 1 + index, column: left, style: .heading)
            screen.write(
                Cell.fit(line.0, width - 4), row: top + 1 + index, column: left + 2, style: line.1,
                title == nil && index == 0 ? .bold : [])
            screen.write(" │", row: top + 1 + index, column: left + width - 2, style: .heading)
        }
        if top + 1 + lines.count < layout.rows - 1 {
            screen.write("└" + rule + "┘", row: top + 1 + lines.count, column: left, style: .heading)
        }
    }

    // MARK: - Webhook form

    func drawForm(_ form: WebhookForm) {
        let labelWidth = 14
        let width = min(layout.columns - 4, 76)
        let fieldWidth = width - labelWidth - 5
        // Blank lines for the fields (drawn over the box below), then the error or a note, and the keys.
        var lines = Array(repeating: ("", Screen.Style.plain), count: 2 + WebhookForm.Field.allCases.count * 2)
        lines.append(
            form.error.map { ("⚠ " + $0, .problem) }
                ?? ("Tokens and secrets are stored in the webhooks file and never shown.", .muted))
        lines.append(("Enter: next field, saves on the last   Tab ↑↓: move   Esc: cancel", .muted))
        lines.append((String(repeating: " ", count: width - 4), .plain))
        drawBox(lines: lines, title: form.title)

        let top = max(1, (layout.rows - lines.count - 2) / 2)
        let left = max(0, (layout.columns - width) / 2) + 2
        var cursor: (row: Int, column: Int)? = nil
        for (index, field) in WebhookForm.Field.allCases.enumerated() {
            let row = top + 2 + index * 2
            let editable = form.editableFields.contains(field)
            let focused = field == form.focused
            screen.write(Cell.fit(field.label, labelWidth), row: row, column: left, style: focused ? .heading : .plain, focused ? .bold : [])
            let editor = form.editor(field)
            let fieldLeft = left + labelWidth + 1
            if editor.string.isEmpty {
                screen.write(Cell.fit(form.placeholder(field), fieldWidth), row: row, column: fieldLeft, style: .muted, editable ? .underline : [])
                if focused { cursor = (row, fieldLeft) }
            } else {
                let (text, column) = editor.visible(width: fieldWidth)
                screen.write(Cell.fit(text, fieldWidth), row: row, column: fieldLeft, editable ? .underline : [])
                if focused { cursor = (row, fieldLeft + column) }
            }
        }
        if let cursor { screen.showCursor(row: cursor.row, column: cursor.column) }
    }

    // MARK: - Detail view

    /// Where the detail view goes: everything between the header and the key bar.
    static func detailPane(_ layout: DashboardLayout) -> DashboardLayout.Pane {
        DashboardLayout.Pane(top: 2, left: 0, height: layout.keyBar - 2, width: layout.columns)
    }

    /// How far the detail view of `sequence` can scroll before its last line reaches the bottom.
    static func detailScrollLimit(sequence: UInt64, data: DashboardData, layout: DashboardLayout) -> Int {
        guard let held = data.events.entries(from: sequence, count: 1).first else { return 0 }
        let lines = detailLines(entry: data.wholeEvents.whole(held, logDirectory: data.files.eventLogDirectory), deliveries: [:], webhooks: data.webhooks, health: [:]).count
        return max(0, lines - (detailPane(layout).height - 1))
    }

    /// The selected event in full, over the events and bottom panes.
    func drawDetail(sequence: UInt64, scroll: Int) {
        let pane = Self.detailPane(layout)
        guard let held = data.events.entries(from: sequence, count: 1).first else {
            drawTitle("EVENT #\(sequence)", pane: pane, focused: true)
            screen.write(
                Cell.fit("  no longer held in memory: it is still in the log (eventsdash tail)", pane.width),
                row: pane.top + 1, style: .muted)
            return
        }
        let entry = data.wholeEvents.whole(held, logDirectory: data.files.eventLogDirectory)
        let lines = Self.detailLines(
            entry: entry, deliveries: data.deliveries(sequence, entry.event.name), webhooks: data.webhooks,
            health: data.status.webhooks)
        drawTitle("EVENT #\(sequence)  \(entry.event.name)", pane: pane, focused: true, right: "Esc back ")
        let height = pane.height - 1
        let first = min(scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            screen.write(Cell.fit(TerminalText.escaped(line.text), pane.width), row: pane.top + 1 + offset, style: line.style)
        }
    }

    /// The detail view's lines: when and where from, the webhook JSON pretty-printed, and what
    /// became of the event at each webhook.
    static func detailLines(
        entry: RecentEvents.Entry, deliveries: [String: EventDelivery], webhooks: [Webhook], health: [String: WebhookHealth]
    ) -> [(text: String, style: Screen.Style)] {
        let event = entry.event
        var lines: [(text: String, style: Screen.Style)] = [
            ("  sequence   \(entry.sequence)", .plain),
            ("  event      \(event.name)  (\(EventSeverity.of(event.name)))", style(for: EventSeverity.of(event.name))),
            ("  sent at    \(DashboardFormat.timestamp(millis: event.timestamp.saturatingMultiplied(by: 1000)))  (ts \(event.timestamp))", .plain),
            ("  received   \(DashboardFormat.timestamp(millis: event.receivedAtMillis)) from \(event.source)", .plain),
            ("", .plain),
            ("  WEBHOOK JSON", .heading),
        ]
        let body = (try? JSONValue.parse(event.body))?.prettyLines() ?? [event.body]
        lines += body.map { ("    " + $0, .plain) }
        lines.append(("", .plain))
        lines.append(("  DELIVERY", .heading))
        if webhooks.isEmpty { lines.append(("    no webhooks registered", .muted)) }
        for webhook in webhooks {
            let delivery = deliveries[webhook.url] ?? .notSent
            let health = health[webhook.url]
            let (text, style) =
                if let health, health.state == .skipped {
                    ("not delivered to — \(health.lastError ?? "skipped")", Screen.Style.muted)
                } else if delivery == .pending || delivery == .queued, let health, health.state == .retrying || health.state == .failing {
                    ("not yet delivered: the webhook is \(health.state.rawValue)" + (health.lastError.map { " — \($0)" } ?? ""), .warning)
                } else {
                    describe(delivery)
                }
            lines.append(("    \(webhook.url)  \(text)", style))
        }
        return lines
    }

    private static func describe(_ delivery: EventDelivery) -> (String, Screen.Style) {
        switch delivery {
        case .queued: ("queued", .warning)
        case .inFlight: ("being sent", .warning)
        case .retrying(let attempts, let dueAt):
            (
                "failed \(attempts) time\(attempts == 1 ? "" : "s"), next try at "
                    + DashboardFormat.clock(millis: Int64(dueAt * 1000)), .warning
            )
        case .delivered(let status, let millis): ("delivered: HTTP \(status) in \(DashboardFormat.millis(millis))", .recovery)
        case .givenUp(let reason): ("given up: \(reason) (r redelivers)", .problem)
        case .notWanted: ("not sent: the webhook's event filter leaves it out", .muted)
        case .notSent: ("not sent (the webhook was added after this event)", .muted)
        case .forgotten: ("sent; its outcome is older than delivery remembers", .muted)
        case .finished: ("delivered", .recovery)
        case .pending: ("not yet delivered: queued or being sent", .warning)
        case .redelivered(let outcome): ("given up, then redelivered: \(outcome)", .recovery)
        }
    }
}
