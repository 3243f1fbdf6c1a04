import Foundation
import GlusterEvents

/// Builds the POSTs glustereventsd would send, plus the `webhook-id` header for de-duplication
/// and, for a webhook with signing secrets, Standard Webhooks' `webhook-timestamp` and
/// `webhook-signature` (made anew for each attempt: the id stays, the time is the attempt's).
public enum WebhookRequests {
    /// The POST of one logged event to `webhook`.
    public static func event(
        _ webhook: Webhook, webhookID: String?, eventName: String, eventTimestamp: Int64, body: String,
        signingSecrets: [SigningSecret] = [], now: Int64 = Int64(Date().timeIntervalSince1970)
    ) -> HTTPRequest {
        var headers: [String] = []
        headers.reserveCapacity(5)
        headers.append("Content-Type: application/json")
        if let webhookID {
            headers.append("webhook-id: \(webhookID)")
            if !signingSecrets.isEmpty {
                headers.append("webhook-timestamp: \(now)")
                headers.append(
                    "webhook-signature: "
                        + SigningSecret.signature(id: webhookID, timestamp: now, body: body, secrets: signingSecrets))
            }
        }
        if let auth = webhook.authorizationHeader(eventName: eventName, eventTimestamp: eventTimestamp, now: now) {
            headers.append("Authorization: \(auth)")
        }
        return HTTPRequest(url: webhook.url, headers: headers, body: body)
    }

    public struct Timeouts: Sendable {
        public var connectMillis = 5_000
        public var totalMillis = 10_000
        public init(connectMillis: Int = 5_000, totalMillis: Int = 10_000) {
            self.connectMillis = connectMillis
            self.totalMillis = totalMillis
        }
    }

    /// The POST that delivers a logged event, with its `webhook-id` (`ids`) and the webhook's auth,
    /// TLS settings and timeout (`timeouts` are the engine's, which the webhook's own override).
    public static func delivery(
        _ item: DeliveryItem, ids: WebhookMessageIDs, to webhook: Webhook, settings: WebhookSettings, timeouts: Timeouts
    ) -> HTTPRequest {
        var request = event(
            webhook, webhookID: ids.id(of: item.sequence), eventName: item.eventName, eventTimestamp: item.eventTimestamp,
            body: item.body, signingSecrets: settings.signingSecrets)
        let timeouts = settings.timeouts(default: timeouts)
        request.connectTimeoutMillis = timeouts.connectMillis
        request.totalTimeoutMillis = timeouts.totalMillis
        request.caFile = settings.caFile
        request.verifyTLS = settings.verifyTLS
        return request
    }

    /// A test ping: a well-formed `TEST` event with the webhook's auth and TLS settings (not glustereventsd's empty
    /// body, which modern frameworks answer with 415).
    public static func testPing(_ webhook: Webhook, nodeID: String, now: Int64 = Int64(Date().timeIntervalSince1970))
        -> HTTPRequest
    {
        let body = JSONValue.object([
            ("event", .string("TEST")), ("message", .object([])), ("nodeid", .string(nodeID)), ("ts", .int(now)),
        ]).encoded()
        // A signed ping needs an id: one of its own, never an event's.
        let signing = webhook.deliverySettings.signingSecrets
        var request = event(
            webhook, webhookID: signing.isEmpty ? nil : "test-\(nodeID)-\(now)", eventName: "TEST", eventTimestamp: now, body: body,
            signingSecrets: signing, now: now)
        request.caFile = webhook.deliverySettings.caFile
        request.verifyTLS = webhook.deliverySettings.verifyTLS
        return request
    }
}
