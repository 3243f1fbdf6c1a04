import Prometheus
import Synchronization
import WebhookDelivery

/// Each webhook's request durations and delivery latencies as Prometheus histograms, kept from the
/// start: the delivery thread observes every finished request (`DeliveryEngine.Settings.requestsFinished`),
/// and a scrape emits them with the rest of the page.
final class DeliveryTimings: Sendable {
    /// A request: from a local webhook's milliseconds to the timeout.
    static let requestBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    /// From receipt to delivery: milliseconds when all is well, hours after a webhook's outage.
    static let deliveryBuckets: [Double] = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800, 3600, 21600]

    private struct Histograms {
        let request: ValueHistogram
        let delivery: ValueHistogram
    }

    private let registry = PrometheusCollectorRegistry()
    private let byURL = Mutex<[String: Histograms]>([:])

    /// Observes a batch of finished requests: the table is looked up once per run of one webhook's.
    func record(_ timings: [RequestTiming]) {
        var current: (url: String, histograms: Histograms)?
        for timing in timings {
            if current?.url != timing.url { current = (timing.url, histograms(for: timing.url)) }
            current!.histograms.request.record(max(0, timing.requestSeconds))
            if let waited = timing.deliveredAfterSeconds { current!.histograms.delivery.record(max(0, waited)) }
        }
    }

    /// Drops the histograms of webhooks no longer registered.
    func keep(only urls: Set<String>) {
        byURL.withLock { byURL in
            for (url, histograms) in byURL where !urls.contains(url) {
                registry.unregisterValueHistogram(histograms.request)
                registry.unregisterValueHistogram(histograms.delivery)
                byURL[url] = nil
            }
        }
    }

    func emit(into page: inout [UInt8]) { registry.emit(into: &page) }

    private func histograms(for url: String) -> Histograms {
        byURL.withLock { byURL in
            if let known = byURL[url] { return known }
            let labels = [("webhook", MetricLabel.webhook(url))]
            let made = Histograms(
                request: registry.makeValueHistogram(
                    descriptor: EngineMetrics.name(
                        "webhook_request_duration_seconds", "Duration of each request to the webhook, retries included."),
                    labels: labels, buckets: Self.requestBuckets),
                delivery: registry.makeValueHistogram(
                    descriptor: EngineMetrics.name(
                        "webhook_delivery_latency_seconds", "From an event's receipt to the webhook's success, per event delivered."),
                    labels: labels, buckets: Self.deliveryBuckets))
            byURL[url] = made
            return made
        }
    }
}
