import GlusterEvents

/// eventsdash's own settings of a webhook, kept in its `webhooks.json` entry next to gluster's
/// `token` and `secret` (gluster-eventsapi and glustereventsd read those two and ignore the rest):
///
///     "https://h/x": {"token": "", "secret": "", "events": ["VOLUME_*"], "max_in_flight": 8,
///                     "ca_file": "/etc/ssl/my-ca.pem", "verify_tls": true}
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
        return entries
    }
}

extension Webhook {
    /// The webhook's delivery settings, read from and written to its `webhooks.json` entry (other
    /// keys of the entry are kept as they are).
    public var deliverySettings: WebhookSettings {
        get { WebhookSettings(self) }
        set {
            let known: Set = ["events", "max_in_flight", "ca_file", "verify_tls"]
            extraSettings = extraSettings.filter { !known.contains($0.key) } + newValue.entries
        }
    }
}

extension WebhookSettings {
    /// What a user should know about these settings, in a few words (nothing for the defaults).
    public var summary: [String] {
        var notes: [String] = []
        if !events.isEmpty { notes.append("events: " + events.joined(separator: ",")) }
        if maxInFlight != Self.defaultMaxInFlight { notes.append("max in flight \(maxInFlight)") }
        if let caFile { notes.append("CA \(caFile)") }
        if !verifyTLS { notes.append("TLS verification OFF") }
        return notes
    }
}
