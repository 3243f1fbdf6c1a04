/// How a volume spreads its data over its bricks, as `gluster volume info` tells it: its type and
/// the counts that cut its bricks into subvolumes (replica or disperse sets, or single bricks of a
/// distribute volume), in the order `volume info` lists them.
public struct VolumeLayout: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case distribute
        case replicate
        case arbiter
        case disperse
        case distributedReplicate = "distributed-replicate"
        case distributedArbiter = "distributed-arbiter"
        case distributedDisperse = "distributed-disperse"
    }

    public var brickCount: Int
    /// Bricks in a replica set, the arbiter included (1: no replication).
    public var replicaCount: Int
    public var arbiterCount: Int
    /// Bricks in a disperse set (0: not dispersed), of which `redundancyCount` may be lost.
    public var disperseCount: Int
    public var redundancyCount: Int

    public init(brickCount: Int, replicaCount: Int = 1, arbiterCount: Int = 0, disperseCount: Int = 0, redundancyCount: Int = 0) {
        self.brickCount = brickCount
        self.replicaCount = replicaCount
        self.arbiterCount = arbiterCount
        self.disperseCount = disperseCount
        self.redundancyCount = redundancyCount
    }

    /// Worked out from the counts (gluster's `typeStr` says "Replicate" for an arbiter volume too).
    public var kind: Kind {
        let distributed = setSize < brickCount
        if disperseCount > 0 { return distributed ? .distributedDisperse : .disperse }
        if replicaCount > 1 {
            if arbiterCount > 0 { return distributed ? .distributedArbiter : .arbiter }
            return distributed ? .distributedReplicate : .replicate
        }
        return .distribute
    }

    /// Bricks per subvolume: a replica or disperse set, or one brick of a distribute volume.
    public var setSize: Int {
        if disperseCount > 0 { return disperseCount }
        return max(1, replicaCount)
    }

    /// Whether the volume keeps copies or parity (self-heal and `heal info` apply to it).
    public var isRedundant: Bool { disperseCount > 0 || replicaCount > 1 }

    /// Bricks of a set that must be up for its data to be reachable and writable: a majority of a
    /// replica set (client quorum `auto`; half when the first brick is one of them), all but the
    /// redundancy of a disperse set, the brick of a distribute subvolume.
    func quorum(up: [Bool]) -> Bool {
        let count = up.count { $0 }
        if disperseCount > 0 { return count >= up.count - redundancyCount }
        if up.count > 1 { return 2 * count > up.count || (2 * count == up.count && up.first == true) }
        return count == up.count
    }
}
