import EventIngest
import GlusterEvents
import WebhookDelivery

/// Which of the registered webhooks the engine delivers to, and why it leaves the others out:
/// - an entry with a `problem` (a URL that is not http(s), a control character in its token…) is
///   never delivered to; it is reported, and the file is left as it is for the user to fix;
/// - this engine's own HTTP ingest: on the node that gathers a pool's events its URL is a shared
///   webhook like any other, and delivering to it there would log each of this node's events twice;
/// - those past `maxDelivered` in the file's order (each webhook costs memory and a connection
///   however it answers: 20,000 took 4 GB): counted in the problem line, not each listed.
struct DeliveredWebhooks {
    /// Webhooks delivered to at most (a pool has a few).
    static let maxDelivered = 256
    /// Unusable entries named in the problem line at most (the rest are counted).
    static let maxNamed = 5

    var deliveredTo: [Webhook] = []
    /// The webhooks left out, by URL: why (shown as their health's last error).
    var leftOut: [String: String] = [:]
    /// The unusable entries of `webhooks.json`, for the engine's problem line; nil when none.
    var problem: String?

    init(_ webhooks: [Webhook], ownIngest: HTTPIngestServer.Settings?, file: String) {
        var unusable: [String] = []
        var unusableCount = 0
        var pastBudget = 0
        for webhook in webhooks {
            if let problem = webhook.problem {
                unusableCount += 1
                guard unusable.count < Self.maxNamed else { continue }
                leftOut[webhook.url] = "not used: \(problem)"
                unusable.append("\(URLRedaction.redacted(webhook.url)): \(problem)")
            } else if ownIngest?.receives(url: webhook.url) == true {
                leftOut[webhook.url] = "this engine's own HTTP ingest: its events are here already"
            } else if deliveredTo.count < Self.maxDelivered {
                deliveredTo.append(webhook)
            } else {
                pastBudget += 1
            }
        }
        var problems: [String] = []
        if !unusable.isEmpty {
            let more = unusableCount - unusable.count
            problems.append("not delivered to (fix or remove): " + unusable.joined(separator: "; ") + (more > 0 ? "; and \(more) more" : ""))
        }
        if pastBudget > 0 {
            problems.append("\(pastBudget) webhooks past the first \(Self.maxDelivered) are not delivered to (eventsdash delivers to \(Self.maxDelivered) at most)")
        }
        if !problems.isEmpty { problem = "\(file): " + problems.joined(separator: "; ") }
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
