import GlusterEvents
import Testing

@testable import WebhookDelivery

/// A webhook's own timeout and retry bounds, kept in its entry beside gluster's keys.
@Suite struct WebhookSettingsTests {
    @Test func ownBoundsAreKeptInTheEntryAndOverrideTheEngines() throws {
        var webhook = Webhook(url: "http://h/x", token: "t")
        var settings = webhook.deliverySettings
        settings.timeoutSeconds = 2.5
        settings.retryMaxDelaySeconds = 30
        settings.giveUpAfterSeconds = 3600
        webhook.deliverySettings = settings
        let entry = JSONValue.object(webhook.extraSettings).encoded()
        #expect(entry == #"{"give_up_after": 3600, "retry_max_delay": 30, "timeout": 2.5}"#)
        #expect(webhook.deliverySettings == settings)
        let engine = RetryPolicy(firstDelaySeconds: 60, maxDelaySeconds: 300, maxRetrySeconds: 21600)
        #expect(settings.policy(default: engine) == RetryPolicy(firstDelaySeconds: 30, maxDelaySeconds: 30, maxRetrySeconds: 3600))
        #expect(WebhookSettings().policy(default: engine) == engine)
        let timeouts = settings.timeouts(default: .init(connectMillis: 5_000, totalMillis: 10_000))
        #expect(timeouts.totalMillis == 2_500 && timeouts.connectMillis == 2_500)
        #expect(settings.retrySummary == ["timeout 2.5 s", "retries at least every 30 s", "gives up after 1 h"])
    }

    /// The file comes from outside: a value out of bounds (or not a number) is taken as unset.
    @Test func valuesOutOfBoundsInTheFileAreUnset() {
        let webhook = Webhook(
            url: "http://h/x",
            extraSettings: [("timeout", .int(0)), ("retry_max_delay", .double(1e300)), ("give_up_after", .string("1h"))])
        let settings = webhook.deliverySettings
        #expect(settings.timeoutSeconds == nil && settings.retryMaxDelaySeconds == nil && settings.giveUpAfterSeconds == nil)
    }
}
