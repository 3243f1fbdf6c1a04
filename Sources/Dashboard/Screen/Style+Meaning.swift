import GlusterEvents
import WebhookDelivery

extension Style {
    /// An event's colour: red problems, yellow limits crossed, green recoveries.
    init(_ severity: EventSeverity) {
        self =
            switch severity {
            case .problem: .problem
            case .warning: .warning
            case .recovery: .recovery
            case .info: .plain
            }
    }

    /// A webhook's colour by its delivery health, wherever the webhook is shown.
    init(_ health: WebhookHealth.State) {
        self =
            switch health {
            case .healthy: .recovery
            case .retrying: .warning
            case .failing: .problem
            case .idle: .plain
            case .skipped: .muted
            }
    }
}
