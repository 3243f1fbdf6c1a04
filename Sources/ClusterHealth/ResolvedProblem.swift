import GlusterEvents

/// A problem that was open and closed: what the history of the cluster keeps (`health history`).
public struct ResolvedProblem: Sendable, Equatable {
    /// What told: an event, or polling gluster (it found what no event said); a person
    /// acknowledging it; its volume stopping or going.
    public enum Source: String, Sendable {
        case event, poll, acknowledged
        case volumeStopped = "volume-stopped"
    }

    public var id: ProblemID
    public var entity: Entity
    public var severity: ProblemKind.Severity
    public var opened: Double
    public var closed: Double
    public var openedBy: Source
    public var closedBy: Source

    public init(
        id: ProblemID, entity: Entity, severity: ProblemKind.Severity, opened: Double, closed: Double, openedBy: Source, closedBy: Source
    ) {
        self.id = id
        self.entity = entity
        self.severity = severity
        self.opened = opened
        self.closed = closed
        self.openedBy = openedBy
        self.closedBy = closedBy
    }

    /// How long it was open (seconds; 0 if the clock went back).
    public var duration: Double { max(0, closed - opened) }

    /// `brick down: vm:/bricks/gv0/b1 (gv0)`.
    public var summary: String {
        var text = "\(id.kind.words): \(entity.label)"
        if let volume = entity.volume, !entity.label.hasPrefix(volume) { text += " (\(volume))" }
        return text
    }

    /// One line of `health-history.jsonl`.
    public var json: JSONValue {
        .object([
            ("id", .string(id.description)), ("kind", .string(id.kind.rawValue)), ("severity", .string(severity.rawValue)),
            ("entity", .object(entity.fields.map { ($0.name, .string($0.value)) })), ("summary", .string(summary)),
            ("opened", .int(Self.seconds(opened))), ("closed", .int(Self.seconds(closed))), ("duration", .int(Self.seconds(duration))),
            ("opened_by", .string(openedBy.rawValue)), ("closed_by", .string(closedBy.rawValue)),
        ])
    }

    /// Reads a line `json` wrote; nil for anything else.
    public init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue.flatMap(ProblemID.init), let fields = json["entity"]?.objectMembers,
            let severity = json["severity"]?.stringValue.flatMap(ProblemKind.Severity.init), let opened = json["opened"]?.intValue,
            let closed = json["closed"]?.intValue
        else { return nil }
        self.init(
            id: id, entity: Entity(fields: fields.compactMap { name, value in value.stringValue.map { Entity.Field(name: name, value: $0) } }),
            severity: severity, opened: Double(opened), closed: Double(closed),
            openedBy: json["opened_by"]?.stringValue.flatMap(Source.init) ?? .event,
            closedBy: json["closed_by"]?.stringValue.flatMap(Source.init) ?? .event)
    }

    private static func seconds(_ time: Double) -> Int64 {
        time.isNaN ? 0 : time >= 9.2e18 ? .max : time <= -9.2e18 ? .min : Int64(time)
    }
}
