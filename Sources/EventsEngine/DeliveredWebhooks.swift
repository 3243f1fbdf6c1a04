import EventIngest
import GlusterEvents
import WebhookDelivery

/// Which of the registered webhooks the engine delivers to, and why it leaves the others out:
/// - an entry with a `problem` (a URL that is not http(s), a control character in its token…) is
///   never delivered to; it is reported, and the file is left as it is for the user to fix;
/// - this engine's own HTTP ingest: on the node that gathers a pool's events its URL is a shared
///   webhook like any other, and delivering to it there would log each of this node's events twice.
struct DeliveredWebhooks {
    var deliveredTo: [Webhook] = []
    /// The webhooks left out, by URL: why (shown as their health's last error).
    var leftOut: [String: String] = [:]
    /// The unusable entries of `webhooks.json`, for the engine's problem line; nil when none.
    var problem: String?

    init(_ webhooks: [Webhook], ownIngest: HTTPIngestServer.Settings?, file: String) {
        var unusable: [String] = []
        for webhook in webhooks {
            if let problem = webhook.problem {
                leftOut[webhook.url] = "not used: \(problem)"
                unusable.append("\(URLRedaction.redacted(webhook.url)): \(problem)")
            } else if ownIngest?.receives(url: webhook.url) == true {
                leftOut[webhook.url] = "this engine's own HTTP ingest: its events are here already"
            } else {
                deliveredTo.append(webhook)
            }
        }
        if !unusable.isEmpty {
            problem = "\(file): not delivered to (fix or remove): " + unusable.joined(separator: "; ")
        }
    }

    /// The health shown for the webhooks left out.
    var leftOutHealth: [String: WebhookHealth] {
        leftOut.mapValues { why in
            var health = WebhookHealth()
            health.state = .skipped
            health.lastError = why
            return health
        }
    }
}
