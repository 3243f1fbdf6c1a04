import GlusterEvents
import WebhookDelivery

extension WebhookView {
    /// Lines of the webhook view above its given-up list.
    static func summaryLines(
        _ webhook: Webhook, health: WebhookHealth, now: Double
    ) -> [(text: String, style: Style)] {
        let settings = webhook.deliverySettings
        let header: String? =
            switch webhook.authorization {
            case .none: nil
            case .bearer: "bearer token (not shown)"
            case .jwt: "JWT signed with a secret (not shown)"
            }
        let secrets = webhook.signingSecrets.count
        let signing = secrets == 0 ? nil : "Standard Webhooks signature, \(secrets) secret\(secrets == 1 ? "" : "s") (not shown)"
        let parts = [header, signing].compactMap { $0 }
        let auth = parts.isEmpty ? "none" : parts.joined(separator: "; ")
        let tls =
            !settings.verifyTLS
            ? "⚠ certificate verification OFF" : settings.caFile.map { "verified with CA file \($0)" } ?? "verified (system CA store)"
        var latency = "—"
        if let p50 = health.p50LatencyMillis, let p99 = health.p99LatencyMillis {
            latency = "p50 \(DashboardFormat.millis(p50))  p99 \(DashboardFormat.millis(p99))"
        }
        let last = health.lastError ?? health.lastStatus.map { "HTTP \($0)" } ?? "—"
        let lastSuccess = health.lastSuccessAt.map { DashboardFormat.timestamp(millis: $0.saturatingMultiplied(by: 1000)) } ?? "never"
        let behind = health.behindSeconds.map { "   oldest waiting \(DashboardFormat.age(clamping: $0))" } ?? ""
        let nextRetry = health.nextRetryAt.map { "   next retry \(DashboardFormat.inAbout($0, now: now)) (R: now)" } ?? ""
        var lines: [(text: String, style: Style)] = [
            ("  auth         \(auth)", .plain),
            ("  events       \(settings.events.isEmpty ? "all" : settings.events.joined(separator: ", "))", .plain),
            ("  in flight    at most \(settings.maxInFlight)\(settings.maxInFlight == 1 ? " (strict order)" : "")", .plain),
            (
                "  retries      " + (settings.retrySummary.isEmpty ? "the engine's (--timeout, --retry-max-delay, --give-up-after)" : settings.retrySummary.joined(separator: ", ")),
                .plain
            ),
            ("  TLS          \(tls)", settings.verifyTLS ? .plain : .warning),
            ("", .plain),
            ("  state        \(health.state.rawValue)", Style(health.state)),
            (
                "  delivered    \(DashboardFormat.count(health.delivered))  (\(DashboardFormat.count(Int(health.deliveriesPerSecond.rounded())))/s)"
                    + "   backlog \(DashboardFormat.count(health.backlog))\(behind)", .plain
            ),
            (
                "  failed       \(DashboardFormat.count(health.failed)) attempts   retrying \(DashboardFormat.count(health.retrying))"
                    + "\(nextRetry)   given up \(DashboardFormat.count(health.givenUp))", health.givenUp > 0 ? .problem : .plain
            ),
            ("  latency      \(latency)", .plain),
            ("  last         \(last)   last success \(lastSuccess)", health.lastError == nil ? .plain : .warning),
        ]
        // What a failing webhook answered: its own words, cut, escaped where it is drawn.
        if health.lastError != nil, let answer = health.lastResponse {
            lines.append(("  answered     " + answer.split(whereSeparator: \.isNewline).joined(separator: " ⏎ "), .warning))
        }
        lines.append(("", .plain))
        return lines
    }
}
