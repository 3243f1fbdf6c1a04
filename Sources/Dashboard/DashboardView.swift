import EventsEngine
import Foundation
import GlusterEvents

/// Draws one frame: header, events pane, webhooks and config panes, key bar, and whatever is open
/// over them (help, detail view, webhook form). Reads the state and data; changes nothing.
struct DashboardView {
    let screen: Screen
    let layout: DashboardLayout
    let state: DashboardState
    let data: DashboardData

    /// Draws the whole frame on `screen` (which the caller then shows).
    static func draw(on screen: Screen, state: DashboardState, data: DashboardData) {
        screen.erase()
        let size = screen.size
        guard let layout = DashboardLayout(rows: size.rows, columns: size.columns, webhookCount: data.webhooks.count)
        else {
            screen.write(
                Cell.fit("\(DashboardLayout.tooSmallMessage) (now \(size.columns)×\(size.rows))", size.columns), row: 0)
            return
        }
        let view = DashboardView(screen: screen, layout: layout, state: state, data: data)
        view.drawHeader()
        switch state.mode {
        case .detail(let sequence, let scroll):
            view.drawDetail(sequence: sequence, scroll: scroll)
        case .webhookView(let url, let selected):
            view.drawWebhookView(url: url, selected: selected)
        default:
            view.drawEvents()
            view.drawWebhooks()
            view.drawConfig()
        }
        view.drawKeyBar()
        switch state.mode {
        case .help: view.drawHelp()
        case .webhookForm(let form): view.drawForm(form)
        default: break
        }
    }

    // MARK: - Header

    private func drawHeader() {
        let status = data.status
        let clock = DashboardFormat.clock(millis: Int64(data.now.timeIntervalSince1970 * 1000))
        let title = HeaderText.title(status, attachedPID: data.attachedPID, nowMillis: Int64(data.now.timeIntervalSince1970 * 1000))
        screen.write(Cell.fit(title, layout.columns - 9) + " " + clock, row: 0, style: .bar, fill: true)

        let rate = "\(DashboardFormat.count(data.rates.current)) ev/s "
        let sparkWidth = min(EventRateHistory.seconds, max(10, layout.columns / 4))
        let figures = HeaderText.figures(status)
        let figuresWidth = layout.columns - sparkWidth - Cell.width(of: rate) - 1
        let warn =
            status.problem != nil || !status.listenFailures.isEmpty || status.kernelDrops > 0 || status.droppedUnlogged > 0
            || !(status.limitsReached ?? [:]).isEmpty
        screen.write(Cell.fit(figures, figuresWidth), row: 1, style: warn ? .warning : .plain)
        screen.write(rate, row: 1, column: figuresWidth, .bold)
        screen.write(
            data.rates.sparkline(width: sparkWidth), row: 1, column: figuresWidth + Cell.width(of: rate), style: .recovery)
    }

    // MARK: - Pane titles and the key bar

    /// A pane's title row: bold and coloured when the pane has the focus.
    func drawTitle(_ text: String, pane: DashboardLayout.Pane, focused: Bool, right: String = "") {
        let width = pane.width
        let rightWidth = min(Cell.width(of: right), max(0, width - 12))
        let left = Cell.fit((focused ? "▶ " : "  ") + text, width - rightWidth)
        screen.write(
            left + Cell.fit(right, rightWidth), row: pane.top, column: pane.left, style: focused ? .bar : .heading,
            focused ? .bold : [])
    }

    private func drawKeyBar() {
        if case .filterPrompt(let editor) = state.mode {
            let label = " filter: "
            let (text, cursor) = editor.visible(width: layout.columns - Cell.width(of: label) - 1)
            screen.write(label, row: layout.keyBar, style: .bar, .bold)
            screen.write(text, row: layout.keyBar, column: Cell.width(of: label), fill: true)
            if let message = state.currentMessage(now: data.now), message.isError {
                let hint = "  ⚠ " + message.text
                let at = min(layout.columns - 1, Cell.width(of: label) + Cell.width(of: text) + 1)
                screen.write(Cell.fit(hint, layout.columns - at), row: layout.keyBar, column: at, style: .problem)
            }
            screen.showCursor(row: layout.keyBar, column: Cell.width(of: label) + cursor)
            return
        }
        if case .confirmDelete(let url) = state.mode {
            screen.write(
                Cell.fit(" Delete webhook \(TerminalText.escaped(url))?  y: delete   any other key: keep", layout.columns),
                row: layout.keyBar, style: .problem, [.bold, .reverse], fill: true)
            return
        }
        if let message = state.currentMessage(now: data.now) {
            screen.write(
                Cell.fit(" " + TerminalText.escaped(message.text), layout.columns), row: layout.keyBar,
                style: message.isError ? .problem : .bar, message.isError ? [.bold, .reverse] : [], fill: true)
            return
        }
        screen.write(Cell.fit(keyHints, layout.columns), row: layout.keyBar, style: .bar, fill: true)
    }

    private var keyHints: String {
        switch state.mode {
        case .detail: return " Esc back  ↑↓ PgUp PgDn scroll  r redeliver to every webhook  ? help  q quit"
        case .webhookView:
            return " Esc back  ↑↓ select  r redeliver the selected given-up event  e edit  t test-ping  ? help  q quit"
        case .webhookForm: return " Tab/↑↓ next field  Enter save (from the last field)  Esc cancel"
        case .configEdit: return " Enter save  Esc cancel  ←→ Home End move  Ctrl-U clear"
        default: break
        }
        let common = " q quit  ? help  Tab pane  "
        switch state.focus {
        case .events:
            let mode = state.viewport.isPaused ? "PAUSED (End: follow)" : "following"
            return common + "/ filter  Enter detail  ↑↓ PgUp PgDn g G  Space pause   events: \(mode)"
        case .webhooks:
            return common + "Enter view  a add  e edit  d delete  t test-ping  r redeliver the selected event  ↑↓ select"
        case .config:
            return common + "Enter edit  ↑↓ select"
        }
    }
}
