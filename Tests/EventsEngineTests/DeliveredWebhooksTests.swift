import GlusterEvents
import Testing

@testable import EventsEngine

/// Which webhooks are delivered to, and what the engine says of the others: bounded whatever
/// webhooks.json holds.
@Suite struct DeliveredWebhooksTests {
    /// 20,000 entries: the first 256 in the file's order are delivered to, the rest counted in one
    /// line; 1,000 unusable ones are named five at a time.
    @Test func pastTheBudgetWebhooksAreCountedNotDeliveredTo() {
        let healthy = Webhook(url: "http://127.0.0.1:8080/healthy")
        let failing = (0..<20_000).map { Webhook(url: "http://127.0.0.1:9/h\($0)") }
        let chosen = DeliveredWebhooks([healthy] + failing, ownIngest: nil, file: "/w/webhooks.json")
        #expect(chosen.deliveredTo.count == DeliveredWebhooks.maxDelivered && chosen.deliveredTo.first == healthy)
        #expect(chosen.problem == "/w/webhooks.json: 19745 webhooks past the first 256 are not delivered to (eventsdash delivers to 256 at most)")
        #expect(chosen.leftOut.isEmpty)

        let unusable = (0..<1_000).map { Webhook(url: "ftp://x/\($0)") }
        let reported = DeliveredWebhooks(unusable + [healthy], ownIngest: nil, file: "/w/webhooks.json")
        #expect(reported.deliveredTo == [healthy] && reported.leftOut.count == DeliveredWebhooks.maxNamed)
        #expect(reported.problem?.hasSuffix("; and 995 more") == true, "\(reported.problem ?? "")")
        #expect((reported.problem?.utf8.count ?? 0) < 2_000)
    }
}
