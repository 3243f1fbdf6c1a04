import WebhookDelivery

/// How a webhook's answer reads in the CLI (`webhook-test`, `redeliver`): `OK: HTTP 200 in 12 ms`,
/// or what went wrong `after 0.2 ms`. The request's time is given once, as `DurationText` writes
/// it: libcurl's own "after 0 ms" in a connection error is left out.
extension HTTPOutcome {
    /// `OK: HTTP 200 in 12 ms`.
    var okText: String { "OK: \(summaryWithoutCurlTiming) in \(DurationText.text(seconds: latencySeconds))" }

    /// `HTTP 500 after 3.1 ms`, `Failed to connect to 127.0.0.1 port 9: Couldn't connect to server after 0.2 ms`.
    var failureText: String { "\(summaryWithoutCurlTiming) after \(DurationText.text(seconds: latencySeconds))" }

    private var summaryWithoutCurlTiming: String { summary.replacing(/\ after \d+ (?:ms|milliseconds)/, with: "") }
}
