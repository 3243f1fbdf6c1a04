/// What the slower per-volume polls say beside the topology: self-heal counts (replicate and
/// disperse volumes), the last rebalance (distributed volumes), quota limits (volumes with quota on).
public struct VolumeDetails: Sendable, Equatable {
    /// What to ask about a volume.
    public struct Request: Sendable, Equatable {
        public var volume: String
        public var heal: Bool
        public var rebalance: Bool
        public var quota: Bool

        public init(volume: String, heal: Bool, rebalance: Bool, quota: Bool) {
            self.volume = volume
            self.heal = heal
            self.rebalance = rebalance
            self.quota = quota
        }
    }

    /// The last rebalance: gluster's word for its state (`completed`, `in progress`, `failed`,
    /// `stopped`…, or `not started`), and the files it failed on.
    public struct Rebalance: Sendable, Equatable {
        public var status: String
        public var failures: Int

        public init(status: String, failures: Int) {
            self.status = status
            self.failures = max(0, failures)
        }

        public var failed: Bool { status == "failed" }
    }

    /// A directory's quota, as `volume quota V list` gives it (bytes).
    public struct QuotaLimit: Sendable, Equatable {
        public var path: String
        public var hardLimit: UInt64
        public var used: UInt64
        public var softExceeded: Bool
        public var hardExceeded: Bool

        public init(path: String, hardLimit: UInt64, used: UInt64, softExceeded: Bool, hardExceeded: Bool) {
            self.path = path
            self.hardLimit = hardLimit
            self.used = used
            self.softExceeded = softExceeded
            self.hardExceeded = hardExceeded
        }
    }

    /// nil: not asked, or no answer.
    public var heal: [String: HealCounts]?
    public var rebalance: Rebalance?
    public var quota: [QuotaLimit]?

    public init(heal: [String: HealCounts]? = nil, rebalance: Rebalance? = nil, quota: [QuotaLimit]? = nil) {
        self.heal = heal
        self.rebalance = rebalance
        self.quota = quota
    }

    /// Quota limits a volume keeps at most (the list comes from outside).
    public static let maxQuotaLimits = 256
}
