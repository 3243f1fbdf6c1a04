import GlusterEvents

/// What is wrong now, as `ClusterHealth.report(at:)` works it out: the problems (open, or flapping),
/// each volume's and the peers' summary, bursts of events.
public struct HealthReport: Sendable, Equatable {
    public struct Problem: Sendable, Equatable {
        public var id: ProblemID
        public var entity: Entity
        /// False for a problem that has closed but flaps.
        public var isOpen: Bool
        /// When it entered its present state, Unix seconds.
        public var since: Double
        public var severity: ProblemKind.Severity
        /// Opened or closed within the flap window.
        public var flaps: Int
        public var flapping: Bool
        /// How often it opened in the last trend window (an hour).
        public var openedInTrendWindow: Int
        /// More often than in the hour before.
        public var gettingWorse: Bool
        public var mutedUntil: Double?
        /// Found by reconciliation with the gluster CLI, not told by an event.
        public var reconciled: Bool
        /// About an entity gluster does not list: any datagram could have invented it, so it is
        /// at most a warning.
        public var unverified: Bool

        public init(
            id: ProblemID, entity: Entity, isOpen: Bool, since: Double, severity: ProblemKind.Severity, flaps: Int, flapping: Bool,
            openedInTrendWindow: Int, gettingWorse: Bool, mutedUntil: Double?, reconciled: Bool, unverified: Bool = false
        ) {
            self.id = id
            self.entity = entity
            self.isOpen = isOpen
            self.since = since
            self.severity = severity
            self.flaps = flaps
            self.flapping = flapping
            self.openedInTrendWindow = openedInTrendWindow
            self.gettingWorse = gettingWorse
            self.mutedUntil = mutedUntil
            self.reconciled = reconciled
            self.unverified = unverified
        }

        public var muted: Bool { mutedUntil != nil }

        /// `brick down: vm:/bricks/gv0/b1 (gv0)`, `split-brain: gv0-replicate-0 /a/file`.
        public var summary: String {
            var text = "\(id.kind.words): \(entity.label)"
            if let volume = entity.volume, !entity.label.hasPrefix(volume) { text += " (\(volume))" }
            if !isOpen { text += ", up now but flapping" }
            return text
        }
    }

    public struct Volume: Sendable, Equatable {
        public var name: String
        public var state: VolumeState
        /// How it spreads its data, when gluster told (`volume info`).
        public var layout: VolumeLayout?
        /// Bricks it has, when known.
        public var brickCount: Int?
        public var bricksDown: Int
        public var splitBrains: Int
        /// Open problems of the volume.
        public var problems: Int
        /// Since when it has had a problem (the oldest open one).
        public var since: Double?
        /// Why it is not UP, or why its problems weigh what they do, in a few words (`1 of 2
        /// distribute bricks down`); empty when nothing is to be said.
        public var reason: String
        /// Usable bytes over its subvolumes (a replica set counts once, a disperse set without
        /// its redundancy), when every subvolume's bricks reported their file system.
        public var sizeTotal: UInt64?
        public var sizeFree: UInt64?
        /// Entries to heal, when `heal info summary` told (replicate and disperse volumes).
        public var healPending: Int?
        /// When its usable bytes are forecast to be all used (Unix seconds), when the trend is clear.
        public var fullAt: Double?
        /// How fast its heal backlog drains (entries an hour; negative: it grows), and when it is
        /// forecast to be done, when the trend is clear.
        public var healRatePerHour: Double?
        public var healDoneAt: Double?
        /// The last rebalance, the quota limits and the geo-rep workers (its bricks' in each of its
        /// sessions), when polled.
        public var rebalance: VolumeDetails.Rebalance?
        public var quota: [VolumeDetails.QuotaLimit] = []
        public var geoReplication: [VolumeDetails.GeoReplicationWorker] = []
        /// Its bricks as gluster listed them (empty when gluster was not asked).
        public var bricks: [Brick]

        public init(
            name: String, state: VolumeState, layout: VolumeLayout? = nil, brickCount: Int? = nil, bricksDown: Int = 0, splitBrains: Int = 0,
            problems: Int = 0, since: Double? = nil, reason: String = "", sizeTotal: UInt64? = nil, sizeFree: UInt64? = nil,
            healPending: Int? = nil, fullAt: Double? = nil, healRatePerHour: Double? = nil, healDoneAt: Double? = nil, bricks: [Brick] = []
        ) {
            self.name = name
            self.state = state
            self.layout = layout
            self.brickCount = brickCount
            self.bricksDown = bricksDown
            self.splitBrains = splitBrains
            self.problems = problems
            self.since = since
            self.reason = reason
            self.sizeTotal = sizeTotal
            self.sizeFree = sizeFree
            self.healPending = healPending
            self.fullAt = fullAt
            self.healRatePerHour = healRatePerHour
            self.healDoneAt = healDoneAt
            self.bricks = bricks
        }
    }

    /// A brick of a volume as the last poll saw it.
    public struct Brick: Sendable, Equatable {
        public var host: String
        public var path: String
        /// Up as far as anything tells: nil when gluster did not say (the volume is not started).
        public var online: Bool?
        public var space: ObservedCluster.Space?
        /// What `heal info summary` last counted on it (nil: not asked, or it could not tell).
        public var heal: HealCounts?
        /// When its file system is forecast to be full (Unix seconds), when the trend is clear.
        public var fullAt: Double?

        public init(host: String, path: String, online: Bool?, space: ObservedCluster.Space?, heal: HealCounts? = nil) {
            self.host = host
            self.path = path
            self.online = online
            self.space = space
            self.heal = heal
        }
    }

    /// Where the state comes from: the events (how many the model read, the last one's time) and
    /// the gluster CLI (whether it answered, when).
    public struct Sources: Sendable, Equatable {
        public var events: Int
        public var lastEventAt: Double?
        public var gluster: GlusterSource

        public init(events: Int = 0, lastEventAt: Double? = nil, gluster: GlusterSource = GlusterSource()) {
            self.events = events
            self.lastEventAt = lastEventAt
            self.gluster = gluster
        }

        /// `1234 events, the last 3s ago; the gluster CLI answered 12s ago`, or why it did not
        /// (and when it last did), with durations as `age` writes them. `detail` comes from
        /// outside: whoever shows it escapes it.
        public func summary(now: Double, age: (Double) -> String) -> String {
            let events = "\(events) event\(events == 1 ? "" : "s")" + (lastEventAt.map { ", the last \(age(now - $0)) ago" } ?? "")
            let detail = gluster.detail.map { " (\($0))" } ?? ""
            let cli: String
            switch gluster.state {
            case .answered: cli = "the gluster CLI answered " + (gluster.lastAnswer.map { age(now - $0) + " ago" } ?? "")
            case .unanswered: cli = "glusterd has not answered" + (gluster.since.map { " for " + age(now - $0) } ?? "") + detail
            case .failed: cli = "the gluster CLI failed" + detail
            case .absent: cli = "no gluster CLI on this node: the events alone tell"
            case .notAsked: cli = "the gluster CLI not asked (--cluster-poll-interval 0, or not yet)"
            }
            let stale = gluster.state != .answered ? (gluster.lastAnswer.map { "; its last answer \(age(now - $0)) ago" } ?? "") : ""
            return "\(events); \(cli)\(stale)"
        }
    }

    public struct Peers: Sendable, Equatable {
        public var known: Int
        public var connected: Int
    }

    /// Open (and flapping) problems, worst first, then newest first.
    public var problems: [Problem]
    public var volumes: [Volume]
    public var peers: Peers?
    public var bursts: [Burst]
    /// Problems not followed: the table was full.
    public var untracked: Int
    public var sources: Sources
    /// Problems followed but not listed (the least severe, oldest), past `maxListed`.
    public var notListed: Int
    /// Of those, how many are critical and how many muted (the rest are warnings), so that counts
    /// of all problems agree with the status.
    public var notListedCritical: Int
    public var notListedMuted: Int

    public init(
        problems: [Problem], volumes: [Volume], peers: Peers?, bursts: [Burst], untracked: Int, sources: Sources = Sources(), notListed: Int = 0,
        notListedCritical: Int = 0, notListedMuted: Int = 0
    ) {
        self.problems = problems
        self.volumes = volumes
        self.peers = peers
        self.bursts = bursts
        self.untracked = untracked
        self.sources = sources
        self.notListed = notListed
        self.notListedCritical = notListedCritical
        self.notListedMuted = notListedMuted
    }

    /// Nothing known yet (no engine has published a report).
    public static let empty = HealthReport(problems: [], volumes: [], peers: nil, bursts: [], untracked: 0)

    /// The Nagios/Icinga status: critical if a problem not muted is critical, warning if one is a
    /// warning (or flaps), else OK.
    public var status: Status {
        let counted = problems.filter { !$0.muted }
        if counted.contains(where: { $0.severity == .critical }) { return .critical }
        return counted.isEmpty ? .ok : .warning
    }

    public enum Status: Int, Sendable, Comparable {
        case ok = 0, warning = 1, critical = 2, unknown = 3

        public var word: String { ["OK", "WARNING", "CRITICAL", "UNKNOWN"][rawValue] }

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}
