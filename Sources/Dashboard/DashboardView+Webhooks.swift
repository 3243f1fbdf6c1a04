import GlusterEvents
import WebhookDelivery

extension DashboardView {
    /// The webhooks pane: one row per registered webhook with what delivery knows of it. Tokens
    /// and secrets never appear, only which kind of auth is set.
    func drawWebhooks() {
        let pane = layout.webhooks
        let focused = state.focus == .webhooks
        drawTitle("WEBHOOKS", pane: pane, focused: focused, right: "\(data.webhooks.count) ")
        let columns = WebhookColumns(
            width: pane.width, longestURL: data.webhooks.map { Cell.width(of: TerminalText.escaped($0.url)) }.max() ?? 0)
        screen.write(columns.header, row: pane.top + 1, column: pane.left, style: .heading, .bold)
        let top = pane.contentTop(columnNames: true)
        let height = pane.contentHeight(columnNames: true)
        guard !data.webhooks.isEmpty else {
            screen.write(
                Cell.fit("  none yet — Tab here, then a to add one (or: eventsdash webhook-add URL)", pane.width),
                row: top, column: pane.left, style: .muted)
            return
        }
        let selected = min(state.selectedWebhook, data.webhooks.count - 1)
        let first = max(0, min(selected - height + 1, data.webhooks.count - height))
        for (offset, webhook) in data.webhooks.dropFirst(max(0, first)).prefix(height).enumerated() {
            let health = data.status.webhooks[webhook.url] ?? WebhookHealth()
            let index = max(0, first) + offset
            let style: Screen.Style =
                switch health.state {
                case .healthy: .recovery
                case .retrying: .warning
                case .failing: .problem
                case .idle: .plain
                case .skipped: .muted
                }
            screen.write(
                columns.row(webhook, health: health, ping: data.pings[webhook.url]), row: top + offset, column: pane.left,
                style: style, focused && index == selected ? [.reverse] : [])
        }
    }
}

/// The webhooks table's columns in a given width: the URL and the last outcome share what the
/// fixed columns leave.
struct WebhookColumns {
    let width: Int
    private let urlWidth: Int
    private static let fixed: [(title: String, width: Int)] = [
        ("AUTH", 5), ("STATE", 8), ("SENT", 7), ("FAILED", 6), ("QUEUE", 6), ("P50", 6), ("P99", 6),
    ]

    /// `longestURL`: the URL column is no wider than the URLs need, leaving the rest to LAST.
    init(width: Int, longestURL: Int) {
        self.width = width
        let flexible = max(24, width - Self.fixed.reduce(0) { $0 + $1.width + 1 } - 2)
        urlWidth = min(max(12, longestURL), max(16, flexible - 10))
    }

    var header: String {
        Cell.fit(
            " " + Cell.fit("URL", urlWidth) + " " + Self.fixed.map { Cell.fit($0.title, $0.width) }.joined(separator: " ")
                + " " + "LAST", width)
    }

    func row(_ webhook: Webhook, health: WebhookHealth, ping: PingResult?) -> String {
        let auth =
            switch webhook.authorization {
            case .none: "none"
            case .bearer: "token"
            case .jwt: "jwt"
            }
        let last = ping?.summary ?? health.lastError ?? health.lastStatus.map { "HTTP \($0)" } ?? "—"
        let values = [
            auth, health.state.rawValue, DashboardFormat.count(health.delivered), DashboardFormat.count(health.failed),
            DashboardFormat.count(health.backlog), health.p50LatencyMillis.map(DashboardFormat.millis) ?? "—",
            health.p99LatencyMillis.map(DashboardFormat.millis) ?? "—",
        ]
        let fixed = zip(values, Self.fixed).map { value, column in
            column.title == "AUTH" || column.title == "STATE"
                ? Cell.fit(value, column.width) : Self.rightAligned(value, column.width)
        }
        // ⚠ marks a webhook whose TLS certificate is not checked: never silently off.
        let url = (webhook.deliverySettings.verifyTLS ? "" : "⚠ ") + TerminalText.escaped(webhook.url)
        return Cell.fit(" " + Cell.fitMiddle(url, urlWidth) + " " + fixed.joined(separator: " ") + " " + TerminalText.escaped(last), width)
    }

    private static func rightAligned(_ text: String, _ width: Int) -> String {
        let shown = Cell.width(of: text) > width ? String(text.prefix(width)) : text
        return String(repeating: " ", count: max(0, width - Cell.width(of: shown))) + shown
    }
}
