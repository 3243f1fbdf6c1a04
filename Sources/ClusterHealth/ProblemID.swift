import GlusterEvents

/// Which problem: its kind and the entity's identifying values, e.g. `brick-down/vm:/bricks/gv0/b1`
/// (what `health mute` and `health ack` take).
public struct ProblemID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let kind: ProblemKind
    public let description: String

    /// The id of a `kind` problem about `entity`; nil when the entity lacks a field the kind needs.
    public init?(_ kind: ProblemKind, _ entity: Entity) {
        var values: [String] = []
        for name in kind.identity {
            guard let value = entity[name] else { return nil }
            values.append(value)
        }
        self.kind = kind
        description = kind.rawValue + "/" + values.joined(separator: ":")
    }

    /// An id as a person typed it.
    public init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/"), let kind = ProblemKind(rawValue: String(text[..<slash])) else { return nil }
        self.kind = kind
        description = text
    }

    public static func < (lhs: ProblemID, rhs: ProblemID) -> Bool { lhs.description < rhs.description }
}
