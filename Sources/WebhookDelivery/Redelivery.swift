import EventLog
import GlusterEvents

/// Sending one logged event to a webhook again, by hand (`eventsdash redeliver`, the dashboard's `r`).
public enum Redelivery {
    /// The logged event `sequence`, or nil when the log no longer has it (retention).
    public static func loggedEvent(_ sequence: UInt64, logDirectory: String) -> LoggedEvent? {
        EventLogCursor(directory: logDirectory, from: sequence).read(limit: 1).first.flatMap {
            $0.sequence == sequence ? $0 : nil
        }
    }

    /// The request that sends the logged event `sequence` to `webhook` (with its `webhook-id`, so
    /// the receiver can tell it is the same event) and the event's name, or nil when the log no
    /// longer has it.
    public static func request(
        sequence: UInt64, to webhook: Webhook, logDirectory: String, timeouts: WebhookRequests.Timeouts = .init()
    ) -> (request: HTTPRequest, eventName: String)? {
        guard let event = loggedEvent(sequence, logDirectory: logDirectory) else { return nil }
        let header = WebhookBodyHeader.nameAndTimestamp(of: event.body) ?? ("", 0)
        let item = DeliveryItem(
            sequence: sequence, eventName: header.name, eventTimestamp: header.timestamp, body: event.body)
        return (
            WebhookRequests.delivery(item, to: webhook, settings: webhook.deliverySettings, timeouts: timeouts), header.name
        )
    }
}
