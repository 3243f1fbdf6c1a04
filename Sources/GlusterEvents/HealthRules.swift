/// The one table of what events mean for the cluster's health: which event opens a problem, which
/// close it, how bad it is, and which of the event's fields name the thing it is about. The health
/// model (`ClusterHealth`), the dashboard's colours and `tail`'s colours all read it. Field names
/// are glusterfs 10's (`gf_event` calls; older names, such as geo-rep's master/slave, are read too).
///
/// | event | effect | problem | severity | entity |
/// | --- | --- | --- | --- | --- |
/// | BRICK_DISCONNECTED / BRICK_CONNECTED | opens / closes | brick-down | warning | peer, volume, brick (the path) |
/// | POSIX_HEALTH_CHECK_FAILED / BRICK_CONNECTED | opens / closes | brick-health-check-failed | critical | peer, brick (sent as `host:/path timeout is N`) |
/// | PEER_DISCONNECT / PEER_CONNECT | opens / closes | peer-disconnected | warning | peer (PEER_CONNECT calls it host) |
/// | PEER_REJECT / PEER_CONNECT | opens / closes | peer-rejected | critical | peer |
/// | QUORUM_LOST / QUORUM_REGAINED | opens / closes | quorum-lost | critical | volume |
/// | AFR_QUORUM_FAIL / AFR_QUORUM_MET | opens / closes | client-quorum-lost | critical | subvol |
/// | AFR_SUBVOLS_DOWN / AFR_SUBVOL_UP | opens / closes | subvolume-down | critical | subvol |
/// | EC_MIN_BRICKS_NOT_UP / EC_MIN_BRICKS_UP | opens / closes | ec-bricks-not-up | critical | subvol |
/// | AFR_SPLIT_BRAIN | opens, until acknowledged | split-brain | critical | subvol, file (or gfid) |
/// | GEOREP_FAULTY / GEOREP_ACTIVE, GEOREP_PASSIVE | opens / closes | georep-faulty | critical | primary_volume, secondary_host, secondary_volume, primary_node, brick_path |
/// | GEOREP_STOP, GEOREP_DELETE | close every georep-faulty of the session | | | primary, secondary (`[user@]host::volume`) |
/// | SVC_DISCONNECTED / SVC_CONNECTED | opens / closes | daemon-down | warning | svc_name, node (the sender) |
/// | SVC_MANAGER_FAILED / SVC_CONNECTED | opens / closes | daemon-failed | critical | svc_name, node |
/// | QUOTA_CROSSED_SOFT_LIMIT | opens, until acknowledged | quota-soft-limit | warning | volume, path |
/// | SNAPSHOT_SOFT_LIMIT_REACHED | opens, until acknowledged | snapshot-soft-limit | warning | volume (volume_name) |
/// | SNAPSHOT_HARD_LIMIT_REACHED | opens, until acknowledged | snapshot-hard-limit | warning | volume (volume_name) |
/// | BITROT_BAD_FILE | opens, until acknowledged | bitrot-bad-file | critical | node, brick, path |
/// | VOLUME_STOP, VOLUME_DELETE | close every problem of the volume (glusterd sends AFR_QUORUM_FAIL and AFR_SUBVOLS_DOWN while a volume stops: a stopped volume is not a problem; a deleted one leaves nothing, not even what flapped) | | | volume (name) |
///
/// No event closes a split-brain, a bad file, a quota or snapshot limit: they stand until
/// acknowledged (any problem can be). CLIENT_CONNECT and CLIENT_DISCONNECT are routine (a mount
/// coming and going), in no row.
public enum HealthRules {
    /// The rule for an event, by its name.
    public static func rule(for event: String) -> HealthRule? { byEvent[event] }

    public static let all: [HealthRule] = [
        HealthRule("BRICK_DISCONNECTED", .opens(.brickDown), brick),
        HealthRule("BRICK_CONNECTED", .closes([.brickDown, .brickHealthCheckFailed]), brick),
        HealthRule("POSIX_HEALTH_CHECK_FAILED", .opens(.brickHealthCheckFailed), [.init("brick", transform: .hostAndPath)]),
        HealthRule("PEER_DISCONNECT", .opens(.peerDisconnected), [.init("peer")]),
        HealthRule("PEER_CONNECT", .closes([.peerDisconnected, .peerRejected]), [.init("peer", from: "host", "peer")]),
        HealthRule("PEER_REJECT", .opens(.peerRejected), [.init("peer")]),
        HealthRule("QUORUM_LOST", .opens(.quorumLost), [.init("volume")]),
        HealthRule("QUORUM_REGAINED", .closes([.quorumLost]), [.init("volume")]),
        HealthRule("AFR_QUORUM_FAIL", .opens(.clientQuorumLost), [.init("subvol")]),
        HealthRule("AFR_QUORUM_MET", .closes([.clientQuorumLost]), [.init("subvol")]),
        HealthRule("AFR_SUBVOLS_DOWN", .opens(.subvolumeDown), [.init("subvol")]),
        HealthRule("AFR_SUBVOL_UP", .closes([.subvolumeDown]), [.init("subvol")]),
        HealthRule("EC_MIN_BRICKS_NOT_UP", .opens(.ecBricksNotUp), [.init("subvol")]),
        HealthRule("EC_MIN_BRICKS_UP", .closes([.ecBricksNotUp]), [.init("subvol")]),
        HealthRule("AFR_SPLIT_BRAIN", .opens(.splitBrain), [.init("subvol"), .init("file", from: "file", "gfid")]),
        HealthRule("GEOREP_FAULTY", .opens(.georepFaulty), georepWorker),
        HealthRule("GEOREP_ACTIVE", .closes([.georepFaulty]), georepWorker),
        HealthRule("GEOREP_PASSIVE", .closes([.georepFaulty]), georepWorker),
        HealthRule("GEOREP_STOP", .clearsGeorepSession, georepSession),
        HealthRule("GEOREP_DELETE", .clearsGeorepSession, georepSession),
        HealthRule("SVC_DISCONNECTED", .opens(.daemonDown), daemon),
        HealthRule("SVC_MANAGER_FAILED", .opens(.daemonFailed), daemon),
        HealthRule("SVC_CONNECTED", .closes([.daemonDown, .daemonFailed]), daemon),
        HealthRule("QUOTA_CROSSED_SOFT_LIMIT", .opens(.quotaSoftLimit), [.init("volume"), .init("path")]),
        HealthRule("SNAPSHOT_SOFT_LIMIT_REACHED", .opens(.snapshotSoftLimit), [.init("volume", from: "volume_name")]),
        HealthRule("SNAPSHOT_HARD_LIMIT_REACHED", .opens(.snapshotHardLimit), [.init("volume", from: "volume_name")]),
        HealthRule("BITROT_BAD_FILE", .opens(.bitrotBadFile), [.init("node", transform: .sendingNode), .init("brick"), .init("path")]),
        HealthRule("VOLUME_STOP", .clearsVolume, [.init("volume", from: "name")]),
        HealthRule("VOLUME_DELETE", .clearsVolume, [.init("volume", from: "name")]),
    ]

    private static let brick: [EntityField] = [.init("peer"), .init("volume"), .init("brick")]
    /// One brick's geo-rep worker (glusterfs 9 and before said master and slave). Its node is part
    /// of it: every node may have a brick at the same path.
    private static let georepWorker: [EntityField] = [
        .init("primary_volume", from: "primary_volume", "master_volume"),
        .init("secondary_host", from: "secondary_host", "slave_host"),
        .init("secondary_volume", from: "secondary_volume", "slave_volume"),
        .init("primary_node", from: "primary_node", "master_node"),
        .init("brick_path"),
    ]
    /// A geo-rep session as the CLI names it.
    private static let georepSession: [EntityField] = [
        .init("primary", from: "primary", "master"), .init("secondary", from: "secondary", "slave"),
    ]
    /// glusterd's daemons (glustershd, quotad, bitd, scrub, snapd, nfs) are named without the node
    /// they run on: the node that sent the event is it.
    private static let daemon: [EntityField] = [.init("svc_name"), .init("node", transform: .sendingNode)]

    private static let byEvent = Dictionary(all.map { ($0.event, $0) }, uniquingKeysWith: { first, _ in first })
}

/// One row of `HealthRules`.
public struct HealthRule: Sendable {
    public let event: String
    public let effect: HealthEffect
    /// The fields that name the entity, in gluster's names (an event field may be spelt otherwise).
    public let entity: [EntityField]

    init(_ event: String, _ effect: HealthEffect, _ entity: [EntityField]) {
        self.event = event
        self.effect = effect
        self.entity = entity
    }
}

public enum HealthEffect: Sendable, Equatable {
    case opens(ProblemKind)
    case closes([ProblemKind])
    /// The volume was stopped or deleted: none of its problems stand.
    case clearsVolume
    /// The geo-rep session was stopped or deleted: none of its workers is faulty.
    case clearsGeorepSession
}

/// Where an entity's field comes from.
public struct EntityField: Sendable, Equatable {
    /// gluster's name for it, as `health --json` reports it.
    public let name: String
    /// The event's fields that may hold it, the first found (AFR's come as `" subvol"`: keys are
    /// read trimmed).
    public let sources: [String]
    public let transform: Transform

    public enum Transform: Sendable, Equatable {
        case none
        /// `host:/path timeout is N`, as POSIX_HEALTH_CHECK_FAILED names a brick: `peer` and this field.
        case hostAndPath
        /// Not in the event: the node that sent it.
        case sendingNode
    }

    init(_ name: String, from sources: String..., transform: Transform = .none) {
        self.name = name
        self.sources = sources.isEmpty ? [name] : sources
        self.transform = transform
    }
}
