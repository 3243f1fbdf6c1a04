import GlusterEvents
import WebhookDelivery

extension DashboardView {
    /// Lines of the webhook view above its given-up list.
    static func webhookSummaryLines(
        _ webhook: Webhook, health: WebhookHealth
    ) -> [(text: String, style: Screen.Style)] {
        let settings = webhook.deliverySettings
        let auth =
            switch webhook.authorization {
            case .none: "none"
            case .bearer: "bearer token (not shown)"
            case .jwt: "JWT signed with a secret (not shown)"
            }
        let tls =
            !settings.verifyTLS
            ? "⚠ certificate verification OFF" : settings.caFile.map { "verified with CA file \($0)" } ?? "verified (system CA store)"
        var latency = "—"
        if let p50 = health.p50LatencyMillis, let p99 = health.p99LatencyMillis {
            latency = "p50 \(DashboardFormat.millis(p50))  p99 \(DashboardFormat.millis(p99))"
        }
        let last = health.lastError ?? health.lastStatus.map { "HTTP \($0)" } ?? "—"
        let lastSuccess = health.lastSuccessAt.map { DashboardFormat.timestamp(millis: $0.saturatingMultiplied(by: 1000)) } ?? "never"
        let stateStyle: Screen.Style =
            switch health.state {
            case .healthy: .recovery
            case .retrying: .warning
            case .failing: .problem
            case .idle: .plain
            case .skipped: .muted
            }
        return [
            ("  auth         \(auth)", .plain),
            ("  events       \(settings.events.isEmpty ? "all" : settings.events.joined(separator: ", "))", .plain),
            ("  in flight    at most \(settings.maxInFlight)\(settings.maxInFlight == 1 ? " (strict order)" : "")", .plain),
            ("  TLS          \(tls)", settings.verifyTLS ? .plain : .warning),
            ("", .plain),
            ("  state        \(health.state.rawValue)", stateStyle),
            (
                "  delivered    \(DashboardFormat.count(health.delivered))  (\(DashboardFormat.count(Int(health.deliveriesPerSecond.rounded())))/s)"
                    + "   backlog \(DashboardFormat.count(health.backlog))", .plain
            ),
            (
                "  failed       \(DashboardFormat.count(health.failed)) attempts   retrying \(DashboardFormat.count(health.retrying))"
                    + "   given up \(DashboardFormat.count(health.givenUp)) since start", health.givenUp > 0 ? .problem : .plain
            ),
            ("  latency      \(latency)", .plain),
            ("  last         \(last)   last success \(lastSuccess)", health.lastError == nil ? .plain : .warning),
            ("", .plain),
        ]
    }

    /// One webhook in full: its settings, health, and the events given up on for it (newest first),
    /// which `r` redelivers one at a time.
    func drawWebhookView(url: String, selected: Int) {
        let pane = Self.detailPane(layout)
        drawTitle("WEBHOOK \(TerminalText.escaped(url))", pane: pane, focused: true, right: "Esc back ")
        guard let webhook = data.webhooks.first(where: { $0.url == url }) else {
            screen.write(Cell.fit("  no longer registered (deleted elsewhere?)", pane.width), row: pane.top + 1, style: .muted)
            return
        }
        let summary = Self.webhookSummaryLines(webhook, health: data.status.webhooks[url] ?? WebhookHealth())
        for (offset, line) in summary.enumerated() where offset < pane.height - 1 {
            screen.write(Cell.fit(TerminalText.escaped(line.text), pane.width), row: pane.top + 1 + offset, style: line.style)
        }
        let listTop = pane.top + 1 + summary.count
        guard listTop + 1 < pane.top + pane.height else { return }
        let entries = data.givenUp
        screen.write(
            Cell.fit("  GIVEN UP (newest first, from given-up.log)", pane.width), row: listTop, style: .heading, .bold)
        guard !entries.isEmpty else {
            screen.write(Cell.fit("    none", pane.width), row: listTop + 1, style: .muted)
            return
        }
        let height = pane.top + pane.height - listTop - 1
        let chosen = min(selected, entries.count - 1)
        let first = max(0, min(chosen - height + 1, entries.count - height))
        let shown = entries.dropFirst(first).prefix(height)
        let sequenceWidth = shown.map { Self.sequences(of: $0).count }.max() ?? 0
        for (offset, entry) in shown.enumerated() {
            let index = first + offset
            // The event's name while the dashboard still holds it (the log has it in any case).
            let name = entry.count == 1 ? data.events.entries(from: entry.sequence, count: 1).first?.event.name ?? "" : ""
            let outcome = entry.redelivered.map { "  ✓ redelivered: \($0)" } ?? ""
            let text =
                "  \(DashboardFormat.timestamp(millis: entry.atMillis))  "
                + Cell.fit(Self.sequences(of: entry), sequenceWidth) + "  " + Cell.fit(name, 24) + " "
                + TerminalText.escaped(entry.reason) + outcome
            screen.write(
                Cell.fit(text, pane.width), row: listTop + 1 + offset,
                style: entry.redelivered == nil ? .problem : .recovery, index == chosen ? [.reverse] : [])
        }
    }

    private static func sequences(of entry: GivenUpLog.Entry) -> String {
        entry.count > 1 ? "#\(entry.sequence)…\(entry.sequence + entry.count - 1)" : "#\(entry.sequence)"
    }
}
