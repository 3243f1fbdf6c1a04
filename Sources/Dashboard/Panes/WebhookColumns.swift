import GlusterEvents
import WebhookDelivery

/// The webhooks table's columns in a given width: each fixed column as wide as its name and its
/// widest value (never cutting a figure), the URL and the last outcome sharing what they leave.
struct WebhookColumns {
    /// One webhook's cells, before they are fitted to the columns.
    struct Cells {
        /// The URL, escaped, with `⚠ ` before it when its TLS certificate is not checked.
        let url: String
        /// AUTH, STATE, SENT, FAILED, QUEUE, P50, P99.
        let values: [String]
        /// The last outcome (a test ping's while it is recent), escaped.
        let last: String

        init(_ webhook: Webhook, health: WebhookHealth, ping: PingResult?) {
            let auth =
                switch webhook.authorization {
                case .none: "none"
                case .bearer: "token"
                case .jwt: "jwt"
                }
            values = [
                auth, health.state.rawValue, DashboardFormat.compactCount(health.delivered),
                DashboardFormat.compactCount(health.failed), DashboardFormat.compactCount(health.backlog),
                health.p50LatencyMillis.map(DashboardFormat.millis) ?? "—", health.p99LatencyMillis.map(DashboardFormat.millis) ?? "—",
            ]
            // ⚠ marks a webhook whose TLS certificate is not checked: never silently off.
            url = (webhook.deliverySettings.verifyTLS ? "" : "⚠ ") + TerminalText.escaped(webhook.url)
            last = TerminalText.escaped(ping?.summary ?? health.lastError ?? health.lastStatus.map { "HTTP \($0)" } ?? "—")
        }
    }

    /// The fixed columns: name, least width (so small figures keep the table steady), and whether
    /// values are right-aligned (figures) or left-aligned (words).
    private static let fixed: [(title: String, width: Int, rightAligned: Bool)] = [
        ("AUTH", 5, false), ("STATE", 8, false), ("SENT", 7, true), ("FAILED", 6, true), ("QUEUE", 6, true),
        ("P50", 6, true), ("P99", 6, true),
    ]

    let width: Int
    private let urlWidth: Int
    private let widths: [Int]

    /// `rows`: every webhook's cells, so a column fits the widest of them (not only those in
    /// view); the URL column is no wider than the URLs need, leaving the rest to LAST.
    init(width: Int, rows: [Cells]) {
        self.width = width
        widths = Self.fixed.indices.map { index in
            rows.reduce(Self.fixed[index].width) { max($0, Cell.width(of: $1.values[index])) }
        }
        let longestURL = rows.map { Cell.width(of: $0.url) }.max() ?? 0
        let flexible = max(24, width - widths.reduce(0) { $0 + $1 + 1 } - 2)
        urlWidth = min(max(12, longestURL), max(16, flexible - 10))
    }

    var header: String {
        line(url: "URL", values: Self.fixed.map(\.title), last: "LAST", aligned: false)
    }

    func row(_ cells: Cells) -> String {
        line(url: cells.url, values: cells.values, last: cells.last, aligned: true)
    }

    private func line(url: String, values: [String], last: String, aligned: Bool) -> String {
        let fixed = zip(values, zip(widths, Self.fixed)).map { value, column in
            aligned && column.1.rightAligned
                ? String(repeating: " ", count: max(0, column.0 - Cell.width(of: value))) + value : Cell.fit(value, column.0)
        }
        return Cell.fit(" " + Cell.fitMiddle(url, urlWidth) + " " + fixed.joined(separator: " ") + " " + last, width)
    }
}
