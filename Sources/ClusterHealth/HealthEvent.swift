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

    /// From a webhook body's `message`: strings as they are, numbers and booleans as their text;
    /// anything else (lists, objects) is not a field an entity is named by and is left out.
    public init(name: String, message: JSONValue?, node: String, time: Double) {
        var fields: [String: String] = [:]
        for (key, value) in message?.objectMembers ?? [] {
            let text: String? =
                switch value {
                case .string(let text): text
                case .int(let number): String(number)
                case .bool(let flag): String(flag)
                default: nil
                }
            if let text { fields[key.trimmingWhitespace()] = text }
        }
        self.init(name: name, fields: fields, node: node, time: time)
    }
}
