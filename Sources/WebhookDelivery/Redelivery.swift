import Foundation
import EventLog
import GlusterEvents

/// Sending one logged event to a webhook again, by hand (`eventsdash redeliver`, the dashboard's `r`).
public enum Redelivery {
    /// The request that sends the logged event `sequence` to `webhook` (with its `webhook-id` from
    /// `ids`, the one its deliveries had, so the receiver can tell it is the same event) and the
    /// event's name, or nil when the log no longer has it.
    public static func request(
        sequence: UInt64, to webhook: Webhook, logDirectory: String, ids: WebhookMessageIDs,
        timeouts: WebhookRequests.Timeouts = .init()
    ) -> (request: HTTPRequest, eventName: String)? {
        guard let event = EventLogReader(directory: logDirectory).event(sequence) else { return nil }
        let header = WebhookBodyHeader.nameAndTimestamp(of: event.body) ?? ("", 0)
        let item = DeliveryItem(sequence: sequence, eventName: header.name, eventTimestamp: header.timestamp, body: event.body)
        return (
            WebhookRequests.delivery(item, ids: ids, to: webhook, settings: webhook.deliverySettings, timeouts: timeouts),
            header.name
        )
    }

    /// Sends the logged event `sequence` to `webhook` again on `client`, apart from its lane, notes
    /// a success in `given-up.log`, then calls `completion`; false (nothing sent) when the log no
    /// longer has the event.
    public static func send(
        _ sequence: UInt64, to webhook: Webhook, logDirectory: String, ids: WebhookMessageIDs, givenUpLog: GivenUpLog,
        client: any DeliveryTransport, timeouts: WebhookRequests.Timeouts = .init(), completion: @escaping CurlMultiClient.Completion
    ) -> Bool {
        guard let (request, _) = request(sequence: sequence, to: webhook, logDirectory: logDirectory, ids: ids, timeouts: timeouts)
        else { return false }
        client.post(request) { outcome in
            record(outcome, of: sequence, to: webhook.url, in: givenUpLog)
            completion(outcome)
        }
        return true
    }

    /// `send`, waiting for the outcome: it and the event's name, or nil when the log no longer has it.
    public static func sendAndWait(
        _ sequence: UInt64, to webhook: Webhook, logDirectory: String, ids: WebhookMessageIDs, givenUpLog: GivenUpLog,
        client: CurlMultiClient
    ) -> (outcome: HTTPOutcome, eventName: String)? {
        guard let (request, eventName) = request(sequence: sequence, to: webhook, logDirectory: logDirectory, ids: ids)
        else { return nil }
        let outcome = client.postAndWait(request)
        record(outcome, of: sequence, to: webhook.url, in: givenUpLog)
        return (outcome, eventName)
    }

    /// A redelivery that succeeded is noted, so the given-up list shows the event as redelivered.
    private static func record(_ outcome: HTTPOutcome, of sequence: UInt64, to url: String, in givenUpLog: GivenUpLog) {
        guard outcome.isSuccess else { return }
        try? givenUpLog.recordRedelivered(
            sequence, to: url, outcome: outcome.summary, atMillis: Int64(Date().timeIntervalSince1970 * 1000))
    }
}
