import GlusterEvents

/// A volume's state, named as gstatus names them.
public enum VolumeState: String, Sendable, CaseIterable {
    /// Every brick up.
    case up = "UP"
    /// Bricks down, but every subvolume keeps its quorum: all data reachable, redundancy lost.
    case degraded = "DEGRADED"
    /// Some data unreachable or read-only: a distribute brick down, a replica set below quorum, a
    /// disperse set short of bricks.
    case partial = "PARTIAL"
    /// No data reachable (every subvolume lost), or server quorum lost.
    case down = "DOWN"
    case stopped = "STOPPED"
    /// Created, never started.
    case created = "CREATED"
    /// Nothing could tell: glusterd, which vouched for it, does not answer.
    case unknown = "UNKNOWN"

    /// What it weighs in a check: PARTIAL and DOWN are critical, DEGRADED a warning.
    public var severity: ProblemKind.Severity? {
        switch self {
        case .partial, .down: .critical
        case .degraded: .warning
        case .up, .stopped, .created, .unknown: nil
        }
    }

    /// Worst first, for lists and the health line.
    public var rank: Int {
        switch self {
        case .down: 6
        case .partial: 5
        case .unknown: 4
        case .degraded: 3
        case .created: 2
        case .stopped: 1
        case .up: 0
        }
    }
}

extension ObservedCluster.Volume {
    /// The state of a started volume whose bricks are up or down as `isDown` says, by its layout:
    /// a subvolume is lost when too few of its bricks are up to read its data (none of a replica
    /// set, fewer than all but the redundancy of a disperse set), below quorum when a replica set
    /// can be read but not written.
    public func state(isDown: (ObservedCluster.Brick) -> Bool) -> VolumeState {
        switch status {
        case .created: return .created
        case .stopped: return .stopped
        case .started: break
        }
        let sets = subvolumes.map { set in set.map { !isDown($0) } }
        guard !sets.isEmpty else { return .up }
        let lost = sets.count { up in layout.disperseCount > 0 ? !layout.quorum(up: up) : !up.contains(true) }
        if lost == sets.count { return .down }
        if lost > 0 || sets.contains(where: { !layout.quorum(up: $0) }) { return .partial }
        return sets.contains { $0.contains(false) } ? .degraded : .up
    }
}
