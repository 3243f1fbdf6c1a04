import Foundation
import GlusterEvents
import Synchronization

/// Posts every event to every webhook, in order, one request in flight per webhook, so a slow or
/// dead webhook holds up only itself. No retries: a failed delivery is counted and shown.
/// (The durable, retrying engine replaces this.)
public final class SimpleDelivery: Sendable {
    private struct Lane {
        var webhook: Webhook
        var queue: [DeliveryItem] = []
        var queueStart = 0
        var inFlight = false
        var health = WebhookHealth()
        var latencies = LatencyWindow()
        var outcomes = OutcomeRecord()
    }

    private let client: CurlMultiClient
    private let lanes = Mutex<[String: Lane]>([:])

    public init(client: CurlMultiClient) { self.client = client }

    /// Makes the set of webhooks `webhooks`: new ones start with the next event, removed ones stop
    /// (their queued events are dropped), changed auth applies to the next request.
    public func update(webhooks: [Webhook]) {
        lanes.withLock { lanes in
            let urls = Set(webhooks.map(\.url))
            lanes = lanes.filter { urls.contains($0.key) }
            for webhook in webhooks {
                if lanes[webhook.url] == nil {
                    lanes[webhook.url] = Lane(webhook: webhook)
                } else {
                    lanes[webhook.url]!.webhook = webhook
                }
            }
        }
    }

    /// Whether any webhook is registered (so callers can skip building deliveries).
    public var hasWebhooks: Bool { lanes.withLock { !$0.isEmpty } }

    /// Queues `items` for every webhook.
    public func deliver(_ items: [DeliveryItem]) {
        guard !items.isEmpty else { return }
        let starts = lanes.withLock { lanes -> [String] in
            var starts: [String] = []
            for url in lanes.keys {
                lanes[url]!.queue.append(contentsOf: items)
                lanes[url]!.health.backlog = lanes[url]!.queue.count - lanes[url]!.queueStart
                if !lanes[url]!.inFlight { starts.append(url) }
            }
            return starts
        }
        for url in starts { sendNext(url) }
    }

    /// Health of every webhook, by URL.
    public func health() -> [String: WebhookHealth] {
        lanes.withLock { lanes in
            lanes.mapValues { lane in
                var health = lane.health
                health.p50LatencyMillis = lane.latencies.percentile(0.50)
                health.p99LatencyMillis = lane.latencies.percentile(0.99)
                return health
            }
        }
    }

    /// What became of the event `sequence` at every webhook, by URL.
    public func deliveries(of sequence: UInt64) -> [String: EventDelivery] {
        lanes.withLock { lanes in
            lanes.mapValues { lane in
                let pending = lane.queue[lane.queueStart...]
                if let position = pending.firstIndex(where: { $0.sequence == sequence }) {
                    return .queued(ahead: position - lane.queueStart + (lane.inFlight ? 1 : 0))
                }
                return lane.outcomes.delivery(of: sequence)
            }
        }
    }

    private func sendNext(_ url: String) {
        let next = lanes.withLock { lanes -> (Webhook, DeliveryItem)? in
            guard var lane = lanes[url], !lane.inFlight, lane.queueStart < lane.queue.count else { return nil }
            let item = lane.queue[lane.queueStart]
            lane.queueStart += 1
            if lane.queueStart > 4096 && lane.queueStart * 2 > lane.queue.count {
                lane.queue.removeFirst(lane.queueStart)
                lane.queueStart = 0
            }
            lane.inFlight = true
            lane.outcomes.sending(item.sequence)
            lanes[url] = lane
            return (lane.webhook, item)
        }
        guard let (webhook, item) = next else { return }
        let request = WebhookRequests.event(
            webhook, sequence: item.sequence, eventName: item.eventName, eventTimestamp: item.eventTimestamp,
            body: item.body)
        client.post(request) { [self] outcome in
            lanes.withLock { lanes in
                guard lanes[url] != nil else { return }
                lanes[url]!.inFlight = false
                lanes[url]!.health.record(outcome, at: Int64(Date().timeIntervalSince1970))
                lanes[url]!.latencies.record(outcome.latencySeconds * 1000)
                lanes[url]!.outcomes.record(outcome, sequence: item.sequence)
                lanes[url]!.health.backlog = lanes[url]!.queue.count - lanes[url]!.queueStart
            }
            sendNext(url)
        }
    }
}
