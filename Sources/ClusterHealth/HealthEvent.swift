import GlusterEvents

/// One event, as the health model reads it.
public struct HealthEvent: Sendable {
    public var name: String
    /// The event's fields by name, trimmed (AFR sends `"client-pid=-6; subvol=…"`), values as text.
    public var fields: [String: String]
    /// The node that sent it (its node id).
    public var node: String
    /// When eventsdash received it, in Unix seconds: eventsdash's clock, not the sender's.
    public var time: Double

    public init(name: String, fields: [String: String], node: String, time: Double) {
        self.name = name
        self.fields = fields
        self.node = node
        self.time = time
    }

    /// From a webhook body's `message` (see `WebhookBodyFields.fields(of:)`).
    public init(name: String, message: JSONValue?, node: String, time: Double) {
        self.init(name: name, fields: message.map(WebhookBodyFields.fields(of:)) ?? [:], node: node, time: time)
    }
}
