import GlusterEvents
import WebhookDelivery

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
