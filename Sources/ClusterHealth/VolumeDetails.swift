/// What the slower per-volume polls say beside the topology: self-heal counts (replicate and
/// disperse volumes), the last rebalance (distributed volumes), quota limits (volumes with quota on),
/// geo-replication workers (volumes that are a session's primary).
public struct VolumeDetails: Sendable, Equatable {
    /// What to ask about a volume.
    public struct Request: Sendable, Equatable {
        public var volume: String
        public var heal: Bool
        public var rebalance: Bool
        public var quota: Bool
        public var georep: Bool

        public init(volume: String, heal: Bool, rebalance: Bool, quota: Bool, georep: Bool = false) {
            self.volume = volume
            self.heal = heal
            self.rebalance = rebalance
            self.quota = quota
            self.georep = georep
        }

        /// Whether anything is to be asked.
        public var asksAnything: Bool { heal || rebalance || quota || georep }
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

    /// One brick's geo-replication worker, as `volume geo-replication V status` lists it: the
    /// session's secondary (`host::volume`), gluster's word for its state (`Active`, `Passive`,
    /// `Faulty`, `Initializing...`, `Created`, `Paused`, `Stopped`), and what it last did.
    public struct GeoReplicationWorker: Sendable, Equatable {
        public var primaryNode: String
        public var primaryBrick: String
        public var secondaryUser: String
        public var secondaryHost: String
        public var secondaryVolume: String
        public var status: String
        /// `Changelog Crawl`, `History Crawl`, `Hybrid Crawl`; nil when gluster says N/A.
        public var crawlStatus: String?
        /// As gluster prints it (the node's local time, `2026-12-07 21:04:19`); nil: N/A.
        public var lastSynced: String?
        /// Entries it failed to sync; nil: N/A.
        public var failures: Int?

        public init(
            primaryNode: String, primaryBrick: String, secondaryUser: String = "root", secondaryHost: String, secondaryVolume: String,
            status: String, crawlStatus: String? = nil, lastSynced: String? = nil, failures: Int? = nil
        ) {
            self.primaryNode = primaryNode
            self.primaryBrick = primaryBrick
            self.secondaryUser = secondaryUser
            self.secondaryHost = secondaryHost
            self.secondaryVolume = secondaryVolume
            self.status = status
            self.crawlStatus = crawlStatus
            self.lastSynced = lastSynced
            self.failures = failures
        }

        public var isFaulty: Bool { status == "Faulty" }

        /// The session as the CLI names it: `[user@]host::volume` (root goes unnamed).
        public var secondary: String {
            (secondaryUser.isEmpty || secondaryUser == "root" ? "" : secondaryUser + "@") + secondaryHost + "::" + secondaryVolume
        }
    }

    /// nil: not asked, or no answer.
    public var heal: [String: HealCounts]?
    public var rebalance: Rebalance?
    public var quota: [QuotaLimit]?
    public var georep: [GeoReplicationWorker]?

    public init(
        heal: [String: HealCounts]? = nil, rebalance: Rebalance? = nil, quota: [QuotaLimit]? = nil, georep: [GeoReplicationWorker]? = nil
    ) {
        self.heal = heal
        self.rebalance = rebalance
        self.quota = quota
        self.georep = georep
    }

    /// Quota limits a volume keeps at most (the list comes from outside).
    public static let maxQuotaLimits = 256
    /// Geo-replication workers a volume keeps at most (a worker a brick, a session).
    public static let maxGeoReplicationWorkers = 1024
}
