import GlusterEvents
import WebhookDelivery

/// The webhooks table's columns in a given width: each fixed column as wide as its name and its
/// widest value (never cutting a figure), the URL and the last outcome sharing what they leave.
/// In a narrow pane the columns the webhook view shows anyway go first (P99, P50, AUTH, then the
/// failed attempts and the sent count), so that the URL keeps its host and the last outcome its
/// first words.
struct WebhookColumns {
    /// One webhook's cells, before they are fitted to the columns.
    struct Cells {
        /// The URL, escaped, with `⚠ ` before it when its TLS certificate is not checked.
        let url: String
        /// AUTH, STATE, SENT, FAILED, GIVEN UP, QUEUE, BEHIND, P50, P99.
        let values: [String]
        /// The last outcome (a test ping's while it is recent), escaped.
        let last: String

        init(_ webhook: Webhook, health: WebhookHealth, ping: PingResult?) {
            values = [
                WebhookColumns.shortAuth(webhook.authKind), health.state.rawValue, DashboardFormat.compactCount(health.delivered),
                DashboardFormat.compactCount(health.failed), DashboardFormat.compactCount(health.givenUp),
                DashboardFormat.compactCount(health.backlog), health.behindSeconds.map { DashboardFormat.age(clamping: $0) } ?? "—",
                health.p50LatencyMillis.map(DashboardFormat.millis) ?? "—", health.p99LatencyMillis.map(DashboardFormat.millis) ?? "—",
            ]
            // ⚠ marks a webhook whose TLS certificate is not checked: never silently off.
            url = (webhook.deliverySettings.verifyTLS ? "" : "⚠ ") + TerminalText.escaped(URLRedaction.redacted(webhook.url))
            last = TerminalText.escaped(ping?.summary ?? health.lastError ?? health.lastStatus.map { "HTTP \($0)" } ?? "—")
        }
    }

    /// The fixed columns: name, least width (so small figures keep the table steady), and whether
    /// values are right-aligned (figures) or left-aligned (words).
    private static let fixed: [(title: String, width: Int, rightAligned: Bool)] = [
        ("AUTH", 5, false), ("STATE", 8, false), ("SENT", 7, true), ("FAILED", 6, true), ("GIVEN UP", 8, true),
        ("QUEUE", 6, true), ("BEHIND", 6, true), ("P50", 6, true), ("P99", 6, true),
    ]
    /// The columns left out first when the URLs need the room: P99, P50, AUTH, FAILED, SENT,
    /// BEHIND (then LAST).
    private static let leftOutFirst = [8, 7, 0, 3, 2, 6]
    /// The room a URL and the last outcome should keep before a column goes (a scheme, host and
    /// port; an error's first words).
    private static let urlRoom = 28
    private static let lastRoom = 12

    let width: Int
    private let urlWidth: Int
    /// Whether LAST is shown: in a narrow pane the URL keeps the room (the webhook view has it).
    private let showsLast: Bool
    /// The fixed columns shown, in order, with their widths.
    private let shown: [(index: Int, width: Int)]

    /// `rows`: every webhook's cells, so a column fits the widest of them (not only those in
    /// view); the URL column is no wider than the URLs need, leaving the rest to LAST.
    init(width: Int, rows: [Cells]) {
        self.width = width
        var shown = Self.fixed.indices.map { index in
            (index, rows.reduce(Self.fixed[index].width) { max($0, Cell.width(of: $1.values[index])) })
        }
        let longestURL = rows.map { Cell.width(of: $0.url) }.max() ?? 0
        let longestLast = rows.map { Cell.width(of: $0.last) }.max() ?? 0
        let wantedURL = max(12, min(longestURL, Self.urlRoom))
        func flexible() -> Int { width - shown.reduce(0) { $0 + $1.1 + 1 } - 2 }
        for index in Self.leftOutFirst where flexible() < wantedURL + 1 + min(longestLast, Self.lastRoom) {
            shown.removeAll { $0.0 == index }
        }
        self.shown = shown
        showsLast = flexible() - wantedURL - 1 >= 6
        let lastReserve = showsLast ? min(max(6, longestLast), 10) + 1 : 0
        urlWidth = max(4, min(max(12, longestURL), max(12, flexible() - lastReserve)))
    }

    var header: String {
        line(url: "URL", values: Self.fixed.map(\.title), last: "LAST", aligned: false)
    }

    func row(_ cells: Cells) -> String {
        line(url: cells.url, values: cells.values, last: cells.last, aligned: true)
    }

    private func line(url: String, values: [String], last: String, aligned: Bool) -> String {
        let fixed = shown.map { index, width in
            let value = values[index]
            return aligned && Self.fixed[index].rightAligned
                ? String(repeating: " ", count: max(0, width - Cell.width(of: value))) + value : Cell.fit(value, width)
        }
        return Cell.fit(
            " " + Self.shortened(url, urlWidth) + " " + fixed.joined(separator: " ") + (showsLast ? " " + last : ""), width)
    }

    /// `Webhook.authKind` in the AUTH column's five: `jwt+s`, `tok+s`, `sig` for the signed ones
    /// (the webhook view says it in full).
    static func shortAuth(_ kind: String) -> String {
        kind.replacing("token+signed", with: "tok+s").replacing("+signed", with: "+s").replacing("signed", with: "sig")
    }

    /// A URL in `width` columns: whole if it fits; else without its scheme, the host (and port)
    /// whole and the path cut in its middle, since the host is what tells an admin which service
    /// it is; with no room for the path, cut at its end (the host's start kept).
    static func shortened(_ url: String, _ width: Int) -> String {
        guard Cell.width(of: url) > width else { return Cell.fit(url, width) }
        let warning = url.hasPrefix("⚠ ") ? "⚠ " : ""
        var rest = Substring(url.dropFirst(warning.count))
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        let bare = warning + rest
        let host = warning + (rest.split(separator: "/", maxSplits: 1).first ?? rest)
        let room = width - Cell.width(of: host)
        guard Cell.width(of: bare) > width, room >= 6 else { return Cell.fit(bare, width) }
        let path = String(bare.dropFirst(host.count))
        return host + Cell.fitMiddle(path, room)
    }
}
