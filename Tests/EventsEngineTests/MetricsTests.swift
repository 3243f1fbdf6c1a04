import GlusterEvents
import Testing

@testable import EventsEngine

/// What `/metrics` labels may show, and the bounded count of events by type.
@Suite struct MetricsTests {
    @Test func aWebhookLabelLeavesOutWhatMayBeASecret() {
        // Nothing hidden: the URL as registered.
        #expect(MetricLabel.webhook("http://node2:9000/listen") == "http://node2:9000/listen")
        // Credentials, query and fragment go; a hash keeps two such webhooks apart.
        let withSecrets = MetricLabel.webhook("https://alice:pw@hooks.example.com:8443/in?token=abc#x")
        #expect(withSecrets.hasPrefix("https://hooks.example.com:8443/in #"))
        #expect(!withSecrets.contains("alice") && !withSecrets.contains("pw@") && !withSecrets.contains("abc"))
        #expect(withSecrets != MetricLabel.webhook("https://alice:pw@hooks.example.com:8443/in?token=abd#x"))
        // A token in the path (Slack, Discord) is cut to its first four characters.
        let slack = MetricLabel.webhook("https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX")
        #expect(slack.hasPrefix("https://hooks.slack.com/services/T0001/B0002/XXXX… #"), "\(slack)")
        #expect(MetricLabel.webhook("not a url").hasPrefix("(unparsable URL) #"))
    }

    /// Families in name order whatever order the registry emits them in, each family's lines as
    /// they were (a histogram's buckets stay in order).
    @Test func familiesAreInNameOrder() {
        let page = """
            # HELP eventsdash_webhook_state State.
            # TYPE eventsdash_webhook_state gauge
            eventsdash_webhook_state{webhook="b"} 1
            eventsdash_webhook_state{webhook="a"} 0
            # TYPE eventsdash_delivery_seconds histogram
            eventsdash_delivery_seconds_bucket{le="0.1"} 1
            eventsdash_delivery_seconds_bucket{le="+Inf"} 2
            eventsdash_delivery_seconds_count 2
            # HELP eventsdash_accepted_total Accepted.
            # TYPE eventsdash_accepted_total counter
            eventsdash_accepted_total 5

            """
        let sorted = String(decoding: MetricFamilies.sorted(Array(page.utf8)), as: UTF8.self)
        #expect(sorted == """
            # HELP eventsdash_accepted_total Accepted.
            # TYPE eventsdash_accepted_total counter
            eventsdash_accepted_total 5
            # TYPE eventsdash_delivery_seconds histogram
            eventsdash_delivery_seconds_bucket{le="0.1"} 1
            eventsdash_delivery_seconds_bucket{le="+Inf"} 2
            eventsdash_delivery_seconds_count 2
            # HELP eventsdash_webhook_state State.
            # TYPE eventsdash_webhook_state gauge
            eventsdash_webhook_state{webhook="b"} 1
            eventsdash_webhook_state{webhook="a"} 0

            """)
    }

    @Test func labelValuesAreBoundedOnACharacterBoundary() {
        let long = String(repeating: "é", count: 300)  // 600 bytes
        let bounded = MetricLabel.bounded(long)
        #expect(bounded.utf8.count <= MetricLabel.maxBytes && bounded.hasSuffix("…"))
        #expect(MetricLabel.bounded("gv0") == "gv0")
    }

    @Test func eventTypesAreTheCatalogsNamesAndUnknown() {
        let counts = EventTypeCounts()
        func event(_ name: String) -> ReceivedEvent {
            ReceivedEvent(name: name, timestamp: 0, body: "{}", source: "test", receivedAtMillis: 0)
        }
        counts.record(["VOLUME_CREATE", "VOLUME_CREATE", "BRICK_DISCONNECTED", "UNKNOWN_999", "made-up", "VOLUME_CREATE"].map(event))
        counts.record((0..<1000).map { event("junk-\($0)") })
        let snapshot = Dictionary(uniqueKeysWithValues: counts.snapshot().map { ($0.name, $0.count) })
        #expect(snapshot == ["VOLUME_CREATE": 3, "BRICK_DISCONNECTED": 1, EventTypeCounts.unknown: 1002])
    }
}
