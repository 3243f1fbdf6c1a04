import ClusterHealth
import EventLog
import Foundation
import GlusterEvents
import WebhookDelivery

/// What a pane or overlay knows of the data and the screen when it handles a key.
struct KeyContext {
    /// The events the events pane lists: every one held, or the filter's matches.
    var rows: EventRows
    var webhooks: [Webhook]
    var config: EventsConfig
    /// Nil while the terminal is too small.
    var layout: DashboardLayout?
    /// The given-up events of the webhook in view, newest first (empty outside that view).
    var givenUp: [GivenUpLog.Entry] = []
    /// The problems the health pane lists, worst first.
    var problems: [HealthReport.Problem] = []
    /// Where the pane's body is (below its title), or the area an overlay has; set by
    /// `DashboardState` as it passes the key on.
    var area = Region.empty
    /// The event selected in the events pane (what the webhooks pane's `r` redelivers); set by
    /// `DashboardState`.
    var selectedEvent: UInt64? = nil
    /// A reachable event (held, or read back from the log), by sequence, and the nodes' host
    /// names: what a search is tested on and a redelivery asks about.
    var event: (UInt64) -> RecentEvents.Entry? = { _ in nil }
    var nodeNames: [String: String] = [:]
    /// What delivery knows of each webhook, by URL.
    var webhookHealth: [String: WebhookHealth] = [:]
    /// The engine is another process's: quitting the dashboard leaves it running.
    var engineRunsOn = false
    /// The first event received at or after a time (Unix milliseconds), nil when none is.
    var firstEventReceived: (Int64) -> UInt64? = { _ in nil }
    /// The time a key is handled at.
    var now = Date()
}
