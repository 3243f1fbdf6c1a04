import EventLog
import GlusterEvents
import WebhookDelivery

extension EventDetailView {
    /// The detail view's lines: when and where from, the webhook JSON pretty-printed, and what
    /// became of the event at each webhook (and its `webhook-id` there, from `ids`).
    static func lines(
        entry: RecentEvents.Entry, ids: WebhookMessageIDs?, deliveries: [String: EventDelivery], webhooks: [Webhook],
        health: [String: WebhookHealth]
    ) -> [(text: String, style: Style)] {
        let event = entry.event
        var lines: [(text: String, style: Style)] = [
            ("  sequence   \(entry.sequence)" + (ids.map { "   webhook-id \($0.id(of: entry.sequence))" } ?? ""), .plain),
            ("  event      \(event.name)  (\(EventSeverity.of(event.name)))", Style(EventSeverity.of(event.name))),
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
                    ("not delivered to — \(health.lastError ?? "skipped")", Style.muted)
                } else if delivery == .pending || delivery == .queued, let health, health.state == .retrying || health.state == .failing {
                    ("not yet delivered: the webhook is \(health.state.rawValue)" + (health.lastError.map { " — \($0)" } ?? ""), .warning)
                } else {
                    describe(delivery)
                }
            lines.append(("    \(URLRedaction.redacted(webhook.url))  \(text)", style))
        }
        return lines
    }

    private static func describe(_ delivery: EventDelivery) -> (String, Style) {
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
