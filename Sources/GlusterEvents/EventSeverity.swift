/// What an event means for the cluster's health, by its name: the dashboard and `tail` colour by
/// it (problems red, limits crossed yellow, things coming up or back green).
public enum EventSeverity: Sendable, Hashable, CaseIterable {
    /// Failures, disconnects, quorum lost, split-brain, faulty geo-replication, rejections.
    case problem
    /// Limits and thresholds crossed: quota soft limits, snapshot limits, watermarks, disk usage.
    case warning
    /// Connections made, quorum regained, subvolumes and bricks up, work completed.
    case recovery
    /// Everything else: configuration and lifecycle changes.
    case info

    /// The severity of `name`: from `HealthRules` for the events there, looked up for the catalog's
    /// other names, worked out for others.
    public static func of(_ name: String) -> EventSeverity {
        catalogSeverities[name] ?? classify(name)
    }

    private static let catalogSeverities = Dictionary(uniqueKeysWithValues: EventCatalog.names.map { ($0, severity(of: $0)) })

    private static func severity(of name: String) -> EventSeverity {
        if routine.contains(name) { return .info }
        switch HealthRules.rule(for: name)?.effect {
        case .opens(let kind): return kind.closesOnAcknowledgement && kind.severity == .warning ? .warning : .problem
        case .closes: return .recovery
        case .clearsVolume, .clearsGeorepSession: return .info
        case nil: return classify(name)
        }
    }

    /// Mounts coming and going: not a problem, nor a recovery.
    private static let routine: Set = ["CLIENT_CONNECT", "CLIENT_DISCONNECT"]

    private static func classify(_ name: String) -> EventSeverity {
        let problemMarks = [
            "FAIL", "DISCONNECT", "QUORUM_LOST", "SPLIT_BRAIN", "FAULTY", "REJECT", "NOT_FOUND", "UNKNOWN_PEER",
            "BAD_FILE", "DOWN", "NOT_UP", "SAME_GFID", "ALREADY_PART_OF_VOLUME", "NOT_IN_VOLUME", "UNKNOWN_OP",
        ]
        if problemMarks.contains(where: name.contains) { return .problem }
        let warningMarks = ["LIMIT_REACHED", "CROSSED", "WATERMARK_HI", "RAISED_TO", "DISK_USAGE", "INODES_USAGE", "NOT_SUPPORTED"]
        if warningMarks.contains(where: name.contains) { return .warning }
        let recoveryMarks = ["CONNECT", "REGAINED", "QUORUM_MET", "_UP", "COMPLETE", "ACTIVE", "DROPPED_TO"]
        if recoveryMarks.contains(where: name.contains) { return .recovery }
        return .info
    }
}
