/// A kind of problem the cluster can have (see `HealthRules` for the events that open and close each).
public enum ProblemKind: String, Sendable, CaseIterable, Codable, Comparable {
    case brickDown = "brick-down"
    case brickHealthCheckFailed = "brick-health-check-failed"
    case peerDisconnected = "peer-disconnected"
    case peerRejected = "peer-rejected"
    case quorumLost = "quorum-lost"
    case clientQuorumLost = "client-quorum-lost"
    case subvolumeDown = "subvolume-down"
    case ecBricksNotUp = "ec-bricks-not-up"
    case splitBrain = "split-brain"
    case georepFaulty = "georep-faulty"
    case daemonDown = "daemon-down"
    case daemonFailed = "daemon-failed"
    case quotaSoftLimit = "quota-soft-limit"
    case snapshotSoftLimit = "snapshot-soft-limit"
    case snapshotHardLimit = "snapshot-hard-limit"
    case bitrotBadFile = "bitrot-bad-file"
    /// The gluster CLI got no answer from this node's glusterd (found by polling: no event tells).
    case glusterdDown = "glusterd-down"
    /// A brick's file system past the warning threshold of its bytes or inodes (polled).
    case brickFilling = "brick-filling"
    /// Past the critical threshold.
    case brickFull = "brick-full"
    /// Forecast to be full within the horizon (a clear trend of its used bytes).
    case brickFullSoon = "brick-full-soon"
    /// A directory's quota hard limit reached: writes there fail (`volume quota V list`).
    case quotaHardLimit = "quota-hard-limit"
    /// The volume's last rebalance failed (`volume rebalance V status`).
    case rebalanceFailed = "rebalance-failed"

    public enum Severity: String, Sendable, Codable, Comparable {
        case warning, critical

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .critical }
    }

    public var severity: Severity {
        switch self {
        case .brickDown, .peerDisconnected, .daemonDown, .quotaSoftLimit, .snapshotSoftLimit, .snapshotHardLimit, .brickFilling, .brickFullSoon, .rebalanceFailed: .warning
        case .brickHealthCheckFailed, .peerRejected, .quorumLost, .clientQuorumLost, .subvolumeDown, .ecBricksNotUp,
            .splitBrain, .georepFaulty, .daemonFailed, .bitrotBadFile, .glusterdDown, .brickFull, .quotaHardLimit:
            .critical
        }
    }

    /// Whether glusterd reports it while a volume stops (AFR_QUORUM_FAIL, AFR_SUBVOLS_DOWN,
    /// EC_MIN_BRICKS_NOT_UP come 2–3 s before VOLUME_STOP): such a problem waits out the settle
    /// window before it counts.
    public var isExplainedByVolumeStop: Bool {
        switch self {
        case .clientQuorumLost, .subvolumeDown, .ecBricksNotUp: true
        default: false
        }
    }

    /// Whether only polling gluster finds it (no event tells of it).
    public var isPolled: Bool {
        switch self {
        case .glusterdDown, .brickFilling, .brickFull, .brickFullSoon, .quotaHardLimit, .rebalanceFailed: true
        default: false
        }
    }

    /// Whether no event closes it: it stands until someone acknowledges it (split-brain is healed,
    /// the bad file replaced, the quota or snapshots seen to).
    public var closesOnAcknowledgement: Bool {
        switch self {
        case .splitBrain, .quotaSoftLimit, .snapshotSoftLimit, .snapshotHardLimit, .bitrotBadFile: true
        default: false
        }
    }

    /// The entity's fields that tell one problem of this kind from another (an event may name more,
    /// such as a brick's volume): an event that closes it must name the same.
    public var identity: [String] {
        switch self {
        case .brickDown, .brickHealthCheckFailed: ["peer", "brick"]
        case .peerDisconnected, .peerRejected: ["peer"]
        case .quorumLost, .snapshotSoftLimit, .snapshotHardLimit: ["volume"]
        case .clientQuorumLost, .subvolumeDown, .ecBricksNotUp: ["subvol"]
        case .splitBrain: ["subvol", "file"]
        case .georepFaulty: ["primary_volume", "secondary_host", "secondary_volume", "primary_node", "brick_path"]
        case .daemonDown, .daemonFailed: ["svc_name", "node"]
        case .quotaSoftLimit: ["volume", "path"]
        case .bitrotBadFile: ["node", "brick", "path"]
        case .glusterdDown: ["svc_name", "node"]
        case .brickFilling, .brickFull: ["peer", "brick", "resource"]
        case .brickFullSoon: ["peer", "brick"]
        case .quotaHardLimit: ["volume", "path"]
        case .rebalanceFailed: ["volume"]
        }
    }

    /// What it is, in a few words for a list of problems.
    public var words: String {
        switch self {
        case .brickDown: "brick down"
        case .brickHealthCheckFailed: "brick's disk failed its health check"
        case .peerDisconnected: "peer disconnected"
        case .peerRejected: "peer rejected"
        case .quorumLost: "server quorum lost"
        case .clientQuorumLost: "client quorum lost (writes fail)"
        case .subvolumeDown: "all bricks of a replica down"
        case .ecBricksNotUp: "fewer than the minimum bricks of a disperse set up"
        case .splitBrain: "split-brain"
        case .georepFaulty: "geo-replication faulty"
        case .daemonDown: "daemon disconnected"
        case .daemonFailed: "daemon failed to start"
        case .quotaSoftLimit: "quota soft limit crossed"
        case .snapshotSoftLimit: "snapshot soft limit reached"
        case .snapshotHardLimit: "snapshot hard limit reached"
        case .bitrotBadFile: "bitrot: bad file"
        case .glusterdDown: "glusterd not answering"
        case .brickFilling: "brick filling up"
        case .brickFull: "brick nearly full"
        case .brickFullSoon: "brick full soon"
        case .quotaHardLimit: "quota hard limit reached (writes fail)"
        case .rebalanceFailed: "rebalance failed"
        }
    }

    public static func < (lhs: ProblemKind, rhs: ProblemKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
