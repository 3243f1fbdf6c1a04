import GlusterEvents

/// What people decided about problems, kept across restarts (the host writes it to a file): which
/// are muted until when, and which were acknowledged (closed by hand: a split-brain healed).
public struct HealthDecisions: Sendable, Equatable {
    public struct Mute: Sendable, Equatable {
        /// When it was muted: an opening after this lifts it (the problem got worse).
        public var at: Double
        public var until: Double
    }

    public var mutes: [String: Mute] = [:]
    /// When each was acknowledged: it closes the problem as it stood then; a later opening opens it again.
    public var acknowledged: [String: Double] = [:]

    /// Mutes, and acknowledgements, kept at most (a file from outside may hold more: the newest
    /// are read); recording past it forgets the oldest.
    public static let maxEach = 10_000

    public init() {}

    public var json: JSONValue {
        .object([
            ("mutes", .object(mutes.sorted { $0.key < $1.key }.map { ($0.key, .object([("at", .double($0.value.at)), ("until", .double($0.value.until))])) })),
            ("acknowledged", .object(acknowledged.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })),
        ])
    }

    /// Reads what `json` wrote; entries that do not make sense are left out.
    public init(json: JSONValue) {
        for (id, mute) in json["mutes"]?.objectMembers ?? [] {
            guard let at = mute["at"]?.numberValue, let until = mute["until"]?.numberValue else { continue }
            mutes[id] = Mute(at: at, until: until)
        }
        for (id, at) in json["acknowledged"]?.objectMembers ?? [] {
            if let at = at.numberValue { acknowledged[id] = at }
        }
        keepNewest()
    }

    /// Forgets the oldest past `maxEach`.
    mutating func keepNewest() {
        if mutes.count > Self.maxEach {
            mutes = Dictionary(uniqueKeysWithValues: mutes.sorted { ($0.value.at, $1.key) > ($1.value.at, $0.key) }.prefix(Self.maxEach).map { ($0.key, $0.value) })
        }
        if acknowledged.count > Self.maxEach {
            acknowledged = Dictionary(uniqueKeysWithValues: acknowledged.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.maxEach).map { ($0.key, $0.value) })
        }
    }
}

extension JSONValue {
    /// A JSON number as a `Double`.
    fileprivate var numberValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }
}

/// One thing a person decides about a problem (from the dashboard's keys or `eventsdash health`).
public enum HealthDecision: Sendable, Equatable {
    /// Mute it for that many seconds.
    case mute(ProblemID, seconds: Double)
    case unmute(ProblemID)
    /// Close it by hand (no event closes a split-brain, a bad file, a quota or snapshot limit).
    case acknowledge(ProblemID)
}

extension HealthDecisions {
    /// Records `decision`, taken at `now`; drops mutes that have run out meanwhile.
    public mutating func record(_ decision: HealthDecision, at now: Double) {
        mutes = mutes.filter { now < $0.value.until }
        switch decision {
        case .mute(let id, let seconds): mutes[id.description] = Mute(at: now, until: now + max(0, seconds.isNaN ? 0 : seconds))
        case .unmute(let id): mutes[id.description] = nil
        case .acknowledge(let id): acknowledged[id.description] = now
        }
        keepNewest()
    }
}
