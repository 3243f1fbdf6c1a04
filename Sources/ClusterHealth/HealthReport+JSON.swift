import GlusterEvents

/// The report as JSON: what `health --json` prints, the engine publishes (`health.json`) for the
/// commands and attached dashboards, and they read back. Problems name their entity with
/// gluster's own field names; times are Unix seconds.
extension HealthReport {
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("status", .string(status.word)),
            ("problems", .array(problems.map(\.json))),
            ("volumes", .array(volumes.map(\.json))),
        ]
        if let peers { members.append(("peers", .object([("known", .int(Int64(peers.known))), ("connected", .int(Int64(peers.connected)))]))) }
        members.append(("bursts", .array(bursts.map(\.json))))
        members.append(("untracked", .int(Int64(untracked))))
        return .object(members)
    }

    /// Reads what `json` wrote; nil for anything else.
    public init?(json: JSONValue) {
        guard let problems = json["problems"]?.arrayValues, let volumes = json["volumes"]?.arrayValues,
            let bursts = json["bursts"]?.arrayValues
        else { return nil }
        self.init(
            problems: problems.compactMap(Problem.init(json:)), volumes: volumes.compactMap(Volume.init(json:)),
            peers: json["peers"].flatMap { peers in
                guard let known = peers["known"]?.int, let connected = peers["connected"]?.int else { return nil }
                return Peers(known: known, connected: connected)
            },
            bursts: bursts.compactMap(Burst.init(json:)), untracked: json["untracked"]?.int ?? 0)
    }
}

extension HealthReport.Problem {
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id.description)), ("kind", .string(id.kind.rawValue)), ("severity", .string(severity.rawValue)),
            ("since", .int(Int64(clamping: since))),
            ("entity", .object(entity.fields.map { ($0.name, .string($0.value)) })),
            ("summary", .string(summary)), ("open", .bool(isOpen)), ("flaps", .int(Int64(flaps))), ("flapping", .bool(flapping)),
            ("opened_last_hour", .int(Int64(openedInTrendWindow))), ("getting_worse", .bool(gettingWorse)),
            ("muted", .bool(muted)),
        ]
        if let mutedUntil { members.append(("muted_until", .int(Int64(clamping: mutedUntil)))) }
        members.append(("reconciled", .bool(reconciled)))
        return .object(members)
    }

    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue.flatMap(ProblemID.init), let severity = json["severity"]?.stringValue.flatMap(ProblemKind.Severity.init),
            let since = json["since"]?.intValue, let fields = json["entity"]?.objectMembers
        else { return nil }
        self.init(
            id: id, entity: Entity(fields: fields.compactMap { name, value in value.stringValue.map { Entity.Field(name: name, value: $0) } }),
            isOpen: json["open"]?.boolValue ?? true, since: Double(since), severity: severity, flaps: json["flaps"]?.int ?? 0,
            flapping: json["flapping"]?.boolValue ?? false, openedInTrendWindow: json["opened_last_hour"]?.int ?? 0,
            gettingWorse: json["getting_worse"]?.boolValue ?? false, mutedUntil: json["muted_until"]?.intValue.map(Double.init),
            reconciled: json["reconciled"]?.boolValue ?? false)
    }
}

extension HealthReport.Volume {
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("name", .string(name)), ("state", .string(state.rawValue))]
        if let bricks { members.append(("bricks", .int(Int64(bricks)))) }
        members += [
            ("bricks_down", .int(Int64(bricksDown))), ("split_brains", .int(Int64(splitBrains))), ("problems", .int(Int64(problems))),
        ]
        if let since { members.append(("since", .int(Int64(clamping: since)))) }
        return .object(members)
    }

    init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let state = json["state"]?.stringValue.flatMap(State.init) else { return nil }
        self.init(
            name: name, stopped: state == .stopped, bricks: json["bricks"]?.int, bricksDown: json["bricks_down"]?.int ?? 0,
            splitBrains: json["split_brains"]?.int ?? 0, serving: state != .down, problems: json["problems"]?.int ?? 0,
            since: json["since"]?.intValue.map(Double.init))
    }
}

extension Burst {
    var json: JSONValue {
        .object([("event", .string(event)), ("per_minute", .int(Int64(perMinute))), ("usual_per_minute", .double(usualPerMinute))])
    }

    init?(json: JSONValue) {
        guard let event = json["event"]?.stringValue, let perMinute = json["per_minute"]?.int else { return nil }
        let usual: Double =
            switch json["usual_per_minute"] {
            case .double(let value): value
            case .int(let value): Double(value)
            default: 0
            }
        self.init(event: event, perMinute: perMinute, usualPerMinute: usual)
    }
}

extension JSONValue {
    /// A JSON integer as an `Int` (clamped: it came from a file).
    fileprivate var int: Int? { intValue.map { Int(clamping: $0) } }
}

extension Int64 {
    /// A time or count that may be anything (NaN counts as 0).
    fileprivate init(clamping value: Double) {
        self = value.isNaN ? 0 : value >= 9.2e18 ? .max : value <= -9.2e18 ? .min : Int64(value)
    }
}
