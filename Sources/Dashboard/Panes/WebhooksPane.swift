import GlusterEvents
import WebhookDelivery

/// The registered webhooks, one a row, with what delivery knows of each; the keys add, edit,
/// delete, test-ping and open a webhook, and redeliver the events pane's selected event to it.
/// Tokens and secrets never appear, only which kind of auth is set.
struct WebhooksPane: Pane {
    var selected = 0

    /// Selects the webhook registered as `url` (one just added), if it is among `webhooks`.
    mutating func select(url: String, among webhooks: [Webhook]) {
        selected = webhooks.firstIndex { $0.url == url } ?? selected
    }

    func title(_ frame: Frame) -> PaneTitle { PaneTitle(text: "WEBHOOKS", right: "\(frame.data.webhooks.count) ") }

    func draw(on surface: any Surface, focused: Bool, _ frame: Frame) {
        let (height, width) = (surface.size.rows - 1, surface.size.columns)
        let data = frame.data
        let cells = data.webhooks.map { webhook in
            WebhookColumns.Cells(webhook, health: data.status.webhooks[webhook.url] ?? WebhookHealth(), ping: data.pings[webhook.url])
        }
        let columns = WebhookColumns(width: width, rows: cells)
        surface.write(columns.header, row: 0, style: .heading, .bold)
        guard !data.webhooks.isEmpty else {
            surface.write(
                Cell.fit("  none yet — Tab here, then a to add one (or: eventsdash webhook-add URL)", width), row: 1,
                style: .muted)
            return
        }
        let selected = min(self.selected, data.webhooks.count - 1)
        let first = max(0, min(selected - height + 1, data.webhooks.count - height))
        for index in data.webhooks.indices.dropFirst(first).prefix(height) {
            let health = data.status.webhooks[data.webhooks[index].url] ?? WebhookHealth()
            surface.write(
                columns.row(cells[index]), row: 1 + index - first, style: Style(health.state),
                focused && index == selected ? [.reverse] : [])
        }
    }

    func keyHints() -> String {
        "Enter view  a add  e edit  d delete  t test-ping  R retry now  r redeliver event  ↑↓ select"
    }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        let count = context.webhooks.count
        selected = min(selected, max(0, count - 1))
        let webhook = count > 0 ? context.webhooks[selected] : nil
        switch key {
        case .up, .character("k"): selected = max(0, selected - 1)
        case .down, .character("j"): selected = min(max(0, count - 1), selected + 1)
        case .home, .character("g"): selected = 0
        case .end, .character("G"): selected = max(0, count - 1)
        case .character("a"): return [.open(WebhookForm(purpose: .add))]
        case .enter:
            guard let webhook else { return [.noWebhookYet] }
            return [.open(WebhookView(url: webhook.url))]
        case .character("e"):
            guard let webhook else { return [.noWebhookYet] }
            return [.open(WebhookForm(editing: webhook))]
        case .character("d"), .delete:
            guard let webhook else { return [.noWebhookYet] }
            return [.open(DeleteConfirmation(url: webhook.url, undelivered: context.webhookHealth[webhook.url]?.backlog ?? 0))]
        case .character("t"):
            guard let webhook else { return [.noWebhookYet] }
            return [.command(.testPing(url: webhook.url))]
        case .character("R"):
            guard let webhook else { return [.noWebhookYet] }
            return [.command(.retryNow(url: webhook.url))]
        case .character("r"):
            guard let webhook else { return [.noWebhookYet] }
            guard let sequence = context.selectedEvent else { return [.say("no event to redeliver yet", isError: true)] }
            return [RedeliverQuestion.ask(sequence: sequence, eventName: context.event(sequence)?.event.name, webhooks: [webhook])]
        default: return [.unknownKey(key)]
        }
        return []
    }

    /// The wheel moves the selection; a click selects a row.
    mutating func handle(_ mouse: MouseAction, _ context: KeyContext) -> [Reaction] {
        let last = max(0, context.webhooks.count - 1)
        switch mouse {
        case .wheelUp: selected = min(max(0, selected - 1), last)
        case .wheelDown: selected = min(max(0, selected + 1), last)
        case .click(let row, _), .doubleClick(let row, _):
            // Row 0 holds the column names.
            if row >= 1, row - 1 < context.webhooks.count { selected = row - 1 }
        }
        return []
    }
}
