import GlusterEvents

/// eventsdash's own settings of a webhook, kept in its `webhooks.json` entry next to gluster's
/// `token` and `secret` (gluster-eventsapi and glustereventsd read those two and ignore the rest):
///
///     "https://h/x": {"token": "", "secret": "", "events": ["VOLUME_*"], "max_in_flight": 8,
///                     "ca_file": "/etc/ssl/my-ca.pem", "verify_tls": true, "timeout": 30,
///                     "retry_max_delay": 60, "give_up_after": 86400}
///
/// The last three override the engine's `--timeout`, `--retry-max-delay` and `--give-up-after` for
/// this webhook (seconds); values out of bounds in the file are taken as unset.
public struct WebhookSettings: Sendable, Equatable {
    public static let defaultMaxInFlight = 16

    /// Event names or globs to send; empty: every event.
    public var events: [String] = [] {
        didSet { patterns = events.map(EventNamePattern.init) }
    }
    private var patterns: [EventNamePattern] = []
    /// Requests in flight at once; 1 keeps strict log order, retries included.
    public var maxInFlight = WebhookSettings.defaultMaxInFlight
    /// A CA bundle (PEM) to verify the server with, instead of the system's.
    public var caFile: String?
    /// false turns TLS verification off for this webhook: shown wherever the webhook is.
    public var verifyTLS = true
    /// Give up on a request after this long (nil: the engine's `--timeout`).
    public var timeoutSeconds: Double?
    /// The longest wait between retries (nil: the engine's `--retry-max-delay`).
    public var retryMaxDelaySeconds: Double?
    /// Retry an event for this long before giving it up (nil: the engine's `--give-up-after`).
    public var giveUpAfterSeconds: Double?

    /// What each of those may be, as `serve` bounds its own.
    public static let timeoutRange = 0.1...86400.0
    public static let retryMaxDelayRange = 1.0...(86400.0 * 365)
    public static let giveUpAfterRange = 0.0...(86400.0 * 3650)

    /// Its Standard Webhooks signing secrets, decoded once (`Webhook.signingSecrets` keeps them).
    public private(set) var signingSecrets: [SigningSecret] = []

    public init() {}

    /// The settings in a webhook's entry; unknown or malformed values fall back to defaults.
    public init(_ webhook: Webhook) {
        for (key, value) in webhook.extraSettings {
            switch key {
            case "events": events = (value.arrayValues ?? []).compactMap(\.stringValue)
                patterns = events.map(EventNamePattern.init)
            case "max_in_flight": maxInFlight = max(1, min(256, Int(value.intValue ?? Int64(Self.defaultMaxInFlight))))
            case "ca_file": caFile = value.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            case "verify_tls": verifyTLS = value.boolValue ?? true
            case Webhook.signingSecretsKey: signingSecrets = webhook.signingSecrets.compactMap(SigningSecret.init)
            case "timeout": timeoutSeconds = value.doubleValue.flatMap { Self.timeoutRange.contains($0) ? $0 : nil }
            case "retry_max_delay": retryMaxDelaySeconds = value.doubleValue.flatMap { Self.retryMaxDelayRange.contains($0) ? $0 : nil }
            case "give_up_after": giveUpAfterSeconds = value.doubleValue.flatMap { Self.giveUpAfterRange.contains($0) ? $0 : nil }
            default: break
            }
        }
    }

    /// Whether the webhook wants `eventName`.
    public func wants(_ eventName: String) -> Bool {
        patterns.isEmpty || patterns.contains { $0.matches(eventName) }
    }

    /// The entry's keys for these settings (defaults left out, so plain webhooks stay plain).
    public var entries: [(key: String, value: JSONValue)] {
        var entries: [(key: String, value: JSONValue)] = []
        if !events.isEmpty { entries.append(("events", .array(events.map(JSONValue.string)))) }
        if maxInFlight != Self.defaultMaxInFlight { entries.append(("max_in_flight", .int(Int64(maxInFlight)))) }
        if let caFile { entries.append(("ca_file", .string(caFile))) }
        if !verifyTLS { entries.append(("verify_tls", .bool(false))) }
        for (key, value) in [("timeout", timeoutSeconds), ("retry_max_delay", retryMaxDelaySeconds), ("give_up_after", giveUpAfterSeconds)] {
            guard let value else { continue }
            entries.append((key, value.rounded() == value ? .int(Int64(value)) : .double(value)))
        }
        return entries
    }

    /// The engine's retry policy with this webhook's own bounds.
    public func policy(default engine: RetryPolicy) -> RetryPolicy {
        let maxDelay = retryMaxDelaySeconds ?? engine.maxDelaySeconds
        return RetryPolicy(
            firstDelaySeconds: min(engine.firstDelaySeconds, maxDelay), maxDelaySeconds: maxDelay,
            maxRetrySeconds: giveUpAfterSeconds ?? engine.maxRetrySeconds)
    }

    /// The engine's request timeouts with this webhook's own.
    public func timeouts(default engine: WebhookRequests.Timeouts) -> WebhookRequests.Timeouts {
        guard let timeoutSeconds else { return engine }
        let total = Int(timeoutSeconds * 1000)
        return WebhookRequests.Timeouts(connectMillis: min(engine.connectMillis, total), totalMillis: total)
    }
}

extension Webhook {
    /// The webhook's delivery settings, read from and written to its `webhooks.json` entry (other
    /// keys of the entry are kept as they are).
    public var deliverySettings: WebhookSettings {
        get { WebhookSettings(self) }
        set {
            let known: Set = ["events", "max_in_flight", "ca_file", "verify_tls", "timeout", "retry_max_delay", "give_up_after"]
            extraSettings = extraSettings.filter { !known.contains($0.key) } + newValue.entries
        }
    }
}

extension WebhookSettings {
    /// `30 s`, `1.5 s`, `2 h`: a setting's seconds in the fewest words.
    static func seconds(_ value: Double) -> String {
        let whole = value.rounded() == value
        if whole, value >= 3600, value.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(value / 3600)) h" }
        if whole, value >= 60, value.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(value / 60)) min" }
        return whole ? "\(Int(value)) s" : "\(value) s"
    }

    /// What a user should know about these settings, in a few words (nothing for the defaults).
    public var summary: [String] {
        var notes: [String] = []
        if !events.isEmpty { notes.append("events: " + events.joined(separator: ",")) }
        if maxInFlight != Self.defaultMaxInFlight { notes.append("max in flight \(maxInFlight)") }
        if let caFile { notes.append("CA \(caFile)") }
        if !verifyTLS { notes.append("TLS verification OFF") }
        return notes + retrySummary
    }

    /// Its own timeout and retry bounds, in a few words (nothing where the engine's apply).
    public var retrySummary: [String] {
        var notes: [String] = []
        if let timeoutSeconds { notes.append("timeout \(Self.seconds(timeoutSeconds))") }
        if let retryMaxDelaySeconds { notes.append("retries at least every \(Self.seconds(retryMaxDelaySeconds))") }
        if let giveUpAfterSeconds { notes.append("gives up after \(Self.seconds(giveUpAfterSeconds))") }
        return notes
    }
}
