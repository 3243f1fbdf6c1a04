import GlusterEvents

/// The state the events add up to: which problems are open (bricks down, quorum lost, split-brain,
/// geo-rep faulty…), since when, how often they flap, whether they are getting worse — and what
/// people decided about them. A value fed events in order (from the log on start, then live), and
/// reconciled with what the gluster CLI sees; `report(at:)` says what is wrong now.
public struct ClusterHealth: Sendable {
    public struct Settings: Sendable {
        /// When an entity that opens and closes is flapping (Nagios's percent state change).
        public var flapping = FlapDetection()
        /// A problem opening more often in the last `trendWindow` than in the one before is getting worse.
        public var trendWindow: Double = 3600
        /// A problem a planned operation may explain (client quorum lost, a subvolume down: glusterd
        /// says so while a volume stops) is not shown for this long after it opens; if the
        /// volume's VOLUME_STOP comes within it, the problem never happened (no alert, no flap).
        public var settleWindow: Double = 5
        /// Problems followed at most, open or recently changed (their names come from outside).
        public var maxProblems = 10_000
        /// Of those, problems on entities gluster does not list (once it has been asked): any
        /// datagram can name a brick or a volume, and these must not crowd out the real ones.
        public var maxUnverified = 1_000
        /// Problems listed in a report at most (worst first; the rest are counted): what is
        /// published every second stays small, whatever the table holds.
        public var maxListed = 1_000
        /// Volumes whose bricks and state are followed at most (VOLUME_CREATE names them), and
        /// peers counted at most.
        public var maxVolumes = 2_048
        public var maxPeers = 1_024
        /// A brick whose bytes or inodes are used past these shares (0…1) is filling up (a
        /// warning), or nearly full (critical); the problem closes one point below.
        public var capacityWarning = 0.80
        public var capacityCritical = 0.90
        /// Polled figures are sampled this often at most (seconds) to forecast from, over the
        /// last six hours; a forecast needs six samples over five intervals, and a clear trend.
        public var sampleInterval = 300.0
        /// A brick forecast to be full within this long (seconds) is a problem (`brick-full-soon`).
        public var forecastHorizon = 7 * 86_400.0

        public init() {}
    }

    public let settings: Settings
    private(set) var records: [ProblemID: ProblemRecord] = [:]
    private var volumes: [String: VolumeFacts] = [:]
    private var peers: Set<String> = []
    public private(set) var decisions: HealthDecisions
    private var bursts = BurstDetector()
    /// Problems not followed because `maxProblems` were.
    public private(set) var untracked = 0
    /// What gluster last said of the cluster (the topology the volumes' states are worked out on).
    private var observed: ObservedCluster?
    /// Samples of the polled figures, to forecast from (kept in a file by the engine).
    public private(set) var samples: SampleBook
    /// What it listed, to tell a real entity from an invented one.
    private var known: KnownEntities?
    /// Records whose entity gluster did not list when they were made.
    private var unverifiedRecords = 0
    /// Problems closed since `takeResolved` last took them.
    private var resolved: [ResolvedProblem] = []
    /// Problems that may still be settling (a planned operation may explain them), few at a time.
    private var settling: Set<ProblemID> = []
    /// Whether a full table was pruned and nothing closed since (pruning again would find nothing).
    private var prunedToNoAvail = false
    /// What `heal info summary` last said of each redundant volume's bricks (by `host:path`).
    private var heal: [String: [String: HealCounts]] = [:]
    /// The last rebalance, the quota limits and the geo-rep workers of each volume, as last polled.
    private var rebalances: [String: VolumeDetails.Rebalance] = [:]
    private var quotas: [String: [VolumeDetails.QuotaLimit]] = [:]
    private var georeps: [String: [VolumeDetails.GeoReplicationWorker]] = [:]
    private var gluster = GlusterSource()
    private var eventsRead = 0
    private var lastEventAt: Double?
    /// Events read that change volumes, bricks or peers (after which gluster is polled again), and
    /// when the last one was received.
    public private(set) var topologyEvents = 0
    public private(set) var lastTopologyEventAt: Double?

    public init(settings: Settings = Settings(), decisions: HealthDecisions = HealthDecisions()) {
        self.settings = settings
        self.decisions = decisions
        samples = SampleBook(interval: settings.sampleInterval)
    }

    /// Takes the samples a file kept (what an engine that ran before measured).
    public mutating func loadSamples(_ json: JSONValue) { samples.load(json) }

    // MARK: Events

    public mutating func apply(_ event: HealthEvent) {
        eventsRead &+= 1
        lastEventAt = event.time
        if ["VOLUME_", "BRICK_", "PEER_"].contains(where: event.name.hasPrefix) {
            topologyEvents &+= 1
            lastTopologyEventAt = event.time
        }
        bursts.count(event.name, at: event.time)
        learnFacts(event)
        guard let rule = HealthRules.rule(for: event.name), let entity = Entity(rule, of: event) else { return }
        switch rule.effect {
        case .opens(let kind):
            guard let id = ProblemID(kind, entity) else { return }
            let wasOpen = records[id]?.isOpen == true
            open(id, entity, at: event.time, reconciled: false)
            if !wasOpen, kind.isExplainedByVolumeStop, records[id]?.isOpen == true {
                records[id]?.settlesAt = event.time + settings.settleWindow
                settling = settling.filter { records[$0]?.settlesAt.map { $0 > event.time } == true }
                settling.insert(id)
            }
        case .closes(let kinds):
            for kind in kinds {
                if let id = ProblemID(kind, entity) { close(id, at: event.time, because: .event) }
            }
        case .clearsVolume:
            if let volume = entity["volume"] {
                retractSettling(volume: volume, at: event.time)
                clear(volume: volume, at: event.time, reconciled: false)
            }
        case .clearsGeorepSession:
            if let primary = entity["primary"], let secondary = entity["secondary"] {
                clearGeorepSession(primary: primary, secondary: secondary, at: event.time)
            }
        }
    }

    /// Closes the faulty workers of a session the CLI stopped or deleted (`secondary` as the CLI
    /// names it: `[user@]host::volume`).
    private mutating func clearGeorepSession(primary: String, secondary: String, at time: Double) {
        let target = secondary.split(separator: "@", maxSplits: 1).last.map(String.init) ?? secondary
        for (id, record) in records where id.kind == .georepFaulty && record.isOpen {
            let entity = record.entity
            guard entity["primary_volume"] == primary, "\(entity["secondary_host"] ?? "")::\(entity["secondary_volume"] ?? "")" == target
            else { continue }
            close(id, at: time, because: .event)
        }
    }

    /// Whether `apply` does more than count an event of this name: only those need their fields.
    public static func needsFields(_ name: String) -> Bool { HealthRules.rule(for: name) != nil || factEvents.contains(name) }

    /// Events that tell which volumes and peers exist.
    static let factEvents: Set = [
        "VOLUME_CREATE", "VOLUME_START", "VOLUME_STOP", "VOLUME_DELETE", "PEER_ATTACH", "PEER_DETACH",
    ]

    /// Names from outside are cut as entities' are, so that they match and stay small.
    private mutating func learnFacts(_ event: HealthEvent) {
        switch event.name {
        case "VOLUME_CREATE", "VOLUME_START", "VOLUME_STOP":
            guard let name = (event.fields["name"] ?? event.fields["volume"]).map(Entity.bounded),
                volumes[name] != nil || volumes.count < settings.maxVolumes
            else { return }
            volumes[name, default: VolumeFacts()].learn(event)
        case "VOLUME_DELETE":
            // Nothing of it is left to list, not even what flapped before it was stopped.
            guard let name = event.fields["name"].map(Entity.bounded) else { return }
            volumes[name] = nil
            forget { $0.entity.volume == name }
        case "PEER_ATTACH", "PEER_CONNECT", "PEER_DISCONNECT", "PEER_REJECT":
            if let host = (event.fields["host"] ?? event.fields["peer"]).map(Entity.bounded), peers.count < settings.maxPeers {
                peers.insert(host)
            }
        case "PEER_DETACH":
            if let host = event.fields["host"].map(Entity.bounded) { peers.remove(host) }
        default: break
        }
    }

    private mutating func open(_ id: ProblemID, _ entity: Entity, at time: Double, reconciled: Bool) {
        if records[id] == nil {
            let unverified = known.map { !$0.knows(entity) } ?? false
            guard makeRoom(for: id.kind, unverified: unverified) else {
                untracked &+= 1
                return
            }
            var record = ProblemRecord(id: id, entity: entity, since: time)
            record.unverified = unverified
            if unverified { unverifiedRecords += 1 }
            records[id] = record
        }
        var record = records[id]!
        record.entity = entity
        if !record.isOpen { record.open(at: time, reconciled: reconciled) }
        if let acknowledged = decisions.acknowledged[id.description], time <= acknowledged {
            record.close(at: acknowledged, reconciled: false)
        }
        records[id] = record
    }

    private mutating func close(_ id: ProblemID, at time: Double, reconciled: Bool) {
        close(id, at: time, because: reconciled ? .poll : .event)
    }

    /// Closes an open problem, and keeps what it was for the history (`takeResolved`).
    private mutating func close(_ id: ProblemID, at time: Double, because cause: ResolvedProblem.Source) {
        guard let record = records[id], record.isOpen else { return }
        records[id]?.close(at: time, reconciled: cause == .poll)
        prunedToNoAvail = false
        if resolved.count >= Self.maxResolvedKept { resolved.removeFirst(resolved.count / 2) }
        resolved.append(
            ResolvedProblem(
                id: id, entity: record.entity, severity: record.unverified ? .warning : id.kind.severity, opened: record.since,
                closed: time, openedBy: record.reconciled ? .poll : .event, closedBy: cause))
    }

    /// Resolved problems kept for `takeResolved` at most (the engine takes them every second).
    static let maxResolvedKept = 4_096

    /// The problems resolved since the last call, oldest first (the engine appends them to the
    /// history file; while it rebuilds the state from the log, it drops them: they were written
    /// when they happened).
    public mutating func takeResolved() -> [ResolvedProblem] {
        defer { resolved = [] }
        return resolved
    }

    /// The volume stops: what glusterd said just before, while stopping it, never happened.
    private mutating func retractSettling(volume: String, at time: Double) {
        for (id, record) in records where record.isSettling(at: time) && record.entity.volume == volume {
            if records[id]?.retractOpening() == false { forget(id) }
        }
    }

    /// A stopped or deleted volume: none of its problems stand.
    private mutating func clear(volume: String, at time: Double, reconciled: Bool) {
        for (id, record) in records where record.isOpen && record.entity.volume == volume {
            close(id, at: time, because: reconciled ? .poll : .volumeStopped)
        }
    }

    /// Whether a new problem of `kind` has room: unverified ones within their own budget; when the
    /// table is full, what no report needs any more is forgotten, and a critical problem takes the
    /// place of the oldest warning (a critical one is never dropped for a warning).
    private mutating func makeRoom(for kind: ProblemKind, unverified: Bool) -> Bool {
        if unverified && unverifiedRecords >= settings.maxUnverified { return false }
        guard records.count >= settings.maxProblems else { return true }
        if !prunedToNoAvail {
            let horizon = (records.values.map(\.since).max() ?? 0) - 2 * settings.trendWindow
            forget { !$0.isOpen && $0.since < horizon }
            prunedToNoAvail = records.count >= settings.maxProblems
        }
        if records.count < settings.maxProblems { return true }
        guard kind.severity == .critical,
            let dropped = records.values.filter({ $0.id.kind.severity == .warning }).min(by: { ($0.since, $0.id) < ($1.since, $1.id) })
        else { return false }
        forget(dropped.id)
        untracked &+= 1
        return true
    }

    /// Drops the records `dropped` says, keeping the count of unverified ones.
    private mutating func forget(where dropped: (ProblemRecord) -> Bool) {
        records = records.filter { !dropped($0.value) }
        unverifiedRecords = records.values.count(where: \.unverified)
    }

    /// Drops one record (without going through them all).
    private mutating func forget(_ id: ProblemID) {
        if records.removeValue(forKey: id)?.unverified == true { unverifiedRecords -= 1 }
    }

    // MARK: People's decisions

    /// Takes a person's decision, made at `now`: a mute shows the problem as muted and leaves it out
    /// of the status until it opens again (gets worse) or the time is up; an acknowledgement closes
    /// it until it happens again.
    public mutating func decide(_ decision: HealthDecision, at now: Double) {
        decisions.record(decision, at: now)
        if case .acknowledge(let id) = decision { close(id, at: now, because: .acknowledged) }
    }

    /// Takes the decisions as another process recorded them (`eventsdash health mute` while the
    /// engine runs): acknowledgements close what they name.
    public mutating func adopt(_ decisions: HealthDecisions) {
        self.decisions = decisions
        for (id, at) in decisions.acknowledged {
            guard let id = ProblemID(id), let record = records[id], record.isOpen, record.since <= at else { continue }
            close(id, at: at, because: .acknowledged)
        }
    }

    /// Whether the problem is muted now: muted, not yet expired, and not opened again since.
    func isMuted(_ record: ProblemRecord, at now: Double) -> HealthDecisions.Mute? {
        guard let mute = decisions.mutes[record.id.description], now < mute.until,
            (record.openings.last ?? -.infinity) <= mute.at
        else { return nil }
        return mute
    }

    /// Drops what no longer counts: mutes expired or lifted, old closed problems and their
    /// acknowledgements. Run now and then (the engine: once a minute).
    public mutating func prune(at now: Double) {
        decisions.mutes = decisions.mutes.filter { id, mute in
            guard now < mute.until else { return false }
            guard let id = ProblemID(id), let record = records[id] else { return true }
            return (record.openings.last ?? -.infinity) <= mute.at
        }
        let horizon = now - 2 * settings.trendWindow
        let window = settings.flapping.window
        forget { !($0.isOpen || $0.since >= horizon || $0.changes.count(from: now - window, to: now + 1) > 0) }
        decisions.acknowledged = decisions.acknowledged.filter { id, at in
            at >= horizon || ProblemID(id).flatMap { records[$0] } != nil
        }
    }

    // MARK: Reconciliation

    /// Corrects the state with what the gluster CLI sees (`ObservedCluster.fromGlusterCLI`): a
    /// brick down before eventsdash started or while glusterd could not tell, an event missed, the
    /// bricks' capacity. What it changes is marked as reconciled. glusterd not answering is itself
    /// a problem of `node` (this node's id), and leaves what it vouched for unknown.
    public mutating func reconcile(_ observation: ClusterObservation, at now: Double, node: String) {
        gluster.record(observation, at: now)
        let glusterd = Entity(fields: [.init(name: "svc_name", value: "glusterd"), .init(name: "node", value: Entity.bounded(node))])
        guard let glusterdID = ProblemID(.glusterdDown, glusterd) else { return }
        switch observation {
        case .observed(let cluster):
            close(glusterdID, at: now, reconciled: true)
            reconcile(cluster, at: now)
        case .glusterdDown(let words):
            var entity = glusterd.fields
            entity.append(.init(name: "reason", value: Entity.bounded(words)))
            if records[glusterdID]?.isOpen != true { open(glusterdID, Entity(fields: entity), at: now, reconciled: true) }
        case .failed, .noCLI:
            break
        }
    }

    private mutating func reconcile(_ cluster: ObservedCluster, at now: Double) {
        observed = cluster
        known = KnownEntities(cluster)
        heal = heal.filter { name, _ in cluster.volumes.contains { $0.name == name } }
        rebalances = rebalances.filter { name, _ in cluster.volumes.contains { $0.name == name } }
        quotas = quotas.filter { name, _ in cluster.volumes.contains { $0.name == name } }
        georeps = georeps.filter { name, _ in cluster.volumes.contains { $0.name == name } }
        var seen: Set<String> = []
        for volume in cluster.volumes {
            let name = Entity.bounded(volume.name)
            seen.insert(name)
            guard volumes[name] != nil || volumes.count < settings.maxVolumes else { continue }
            volumes[name, default: VolumeFacts()].observed(bricks: volume.bricks.count, started: volume.status == .started)
            guard volume.status == .started else {
                clear(volume: name, at: now, reconciled: true)
                continue
            }
            for brick in volume.bricks {
                reconcile(brick, of: name, at: now)
            }
        }
        sample(cluster, at: now)
        // gluster knows no such volume (deleted, or its VOLUME_DELETE missed): nothing of it stands
        for name in volumes.keys where !seen.contains(name) {
            clear(volume: name, at: now, reconciled: true)
            volumes[name] = nil
        }
        if let observedPeers = cluster.peers {
            peers = Set(observedPeers.prefix(settings.maxPeers).map { Entity.bounded($0.host) })
            for peer in observedPeers {
                let entity = Entity(fields: [.init(name: "peer", value: peer.host)])
                guard let id = ProblemID(.peerDisconnected, entity) else { continue }
                if peer.connected { close(id, at: now, reconciled: true) } else if records[id]?.isOpen != true {
                    open(id, entity, at: now, reconciled: true)
                }
            }
        }
    }

    /// Samples what may be forecast: each brick's and started volume's used bytes; forgets what
    /// gluster no longer lists. Then a brick forecast to be full within the horizon is a problem.
    private mutating func sample(_ cluster: ObservedCluster, at now: Double) {
        var keys: Set<String> = []
        for volume in cluster.volumes where volume.status == .started {
            let name = Entity.bounded(volume.name)
            for brick in volume.bricks {
                guard let space = brick.space else { continue }
                let key = Self.brickKey(brick)
                keys.insert(key)
                samples.record(key, Double(space.sizeTotal - space.sizeFree), at: now)
                forecastFull(brick, space, of: name, at: now)
            }
            let (total, free) = HealthReport.Volume.usableSpace(volume)
            if let total, let free {
                keys.insert("volume:" + name)
                samples.record("volume:" + name, Double(total - min(free, total)), at: now)
            }
            if volume.layout.isRedundant { keys.insert("heal:" + name) }
        }
        samples.keep(only: keys)
    }

    static func brickKey(_ brick: ObservedCluster.Brick) -> String { "brick:" + Entity.bounded(brick.host) + ":" + Entity.bounded(brick.path) }

    /// Opens `brick-full-soon` while the brick's used bytes are forecast to reach its size within
    /// the horizon, closes it otherwise.
    private mutating func forecastFull(_ brick: ObservedCluster.Brick, _ space: ObservedCluster.Space, of volume: String, at now: Double) {
        let identity: [Entity.Field] = [
            .init(name: "peer", value: Entity.bounded(brick.host)), .init(name: "brick", value: Entity.bounded(brick.path)),
            .init(name: "volume", value: volume),
        ]
        guard let id = ProblemID(.brickFullSoon, Entity(fields: identity)) else { return }
        guard let fullAt = samples.forecast(Self.brickKey(brick))?.reaches(Double(space.sizeTotal)), fullAt - now <= settings.forecastHorizon
        else {
            close(id, at: now, because: .poll)
            return
        }
        let entity = Entity(fields: identity + [.init(name: "full_in", value: "full in about " + Self.duration(fullAt - now))])
        if records[id]?.isOpen == true { records[id]?.entity = entity } else { open(id, entity, at: now, reconciled: true) }
    }

    /// `3d`, `5h`, `12m`: how far ahead, roughly.
    static func duration(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded()))
        switch whole {
        case ..<3600: return "\(max(1, whole / 60))m"
        case ..<172_800: return "\(whole / 3600)h"
        default: return "\(whole / 86400)d"
        }
    }

    /// What to ask of each started volume gluster last listed: heal counts where it is
    /// replicated or dispersed, the last rebalance where it is distributed, quota where it is on,
    /// geo-rep workers where it has been a session's primary.
    public var detailsToPoll: [VolumeDetails.Request] {
        (observed?.volumes ?? []).filter { $0.status == .started }.compactMap { volume in
            let request = VolumeDetails.Request(
                volume: volume.name, heal: volume.layout.isRedundant, rebalance: volume.subvolumes.count > 1, quota: volume.quotaOn,
                georep: volume.georepIndexing)
            return request.asksAnything ? request : nil
        }
    }

    /// Takes what the per-volume polls said (`request` says what was asked): heal counts, the last
    /// rebalance (failed: a problem), quota limits (soft crossed, hard reached: problems), geo-rep
    /// workers (faulty: a problem).
    public mutating func reconcile(_ details: VolumeDetails, for request: VolumeDetails.Request, at now: Double) {
        let name = Entity.bounded(request.volume)
        guard observed?.volumes.contains(where: { $0.name == request.volume }) == true else { return }
        if request.heal { reconcileHeal(volume: request.volume, details.heal, at: now) }
        let volumeEntity = Entity(fields: [.init(name: "volume", value: name)])
        if request.rebalance {
            rebalances[name] = details.rebalance
            if let id = ProblemID(.rebalanceFailed, volumeEntity), let rebalance = details.rebalance {
                if rebalance.failed { if records[id]?.isOpen != true { open(id, volumeEntity, at: now, reconciled: true) } } else { close(id, at: now, because: .poll) }
            }
        }
        if request.quota, let limits = details.quota {
            quotas[name] = limits
            for limit in limits {
                let entity = Entity(fields: [.init(name: "volume", value: name), .init(name: "path", value: Entity.bounded(limit.path))])
                for (kind, exceeded) in [(ProblemKind.quotaHardLimit, limit.hardExceeded), (.quotaSoftLimit, limit.softExceeded && !limit.hardExceeded)] {
                    guard let id = ProblemID(kind, entity) else { continue }
                    if exceeded { if records[id]?.isOpen != true { open(id, entity, at: now, reconciled: true) } } else { close(id, at: now, because: .poll) }
                }
            }
        }
        if request.georep, let workers = details.georep { reconcileGeoReplication(volume: name, workers, at: now) }
    }

    /// A volume's geo-rep workers as gluster listed them: a faulty one is a problem; one that is
    /// not (or no longer listed: its session deleted) is not.
    private mutating func reconcileGeoReplication(volume: String, _ workers: [VolumeDetails.GeoReplicationWorker], at now: Double) {
        georeps[volume] = workers
        var listed: Set<ProblemID> = []
        for worker in workers {
            let entity = Entity(fields: [
                .init(name: "primary_volume", value: volume), .init(name: "primary_node", value: Entity.bounded(worker.primaryNode)),
                .init(name: "brick_path", value: Entity.bounded(worker.primaryBrick)),
                .init(name: "secondary_host", value: Entity.bounded(worker.secondaryHost)),
                .init(name: "secondary_volume", value: Entity.bounded(worker.secondaryVolume)),
            ])
            guard let id = ProblemID(.georepFaulty, entity) else { continue }
            listed.insert(id)
            if !worker.isFaulty {
                close(id, at: now, because: .poll)
            } else if records[id]?.isOpen != true {
                open(id, entity, at: now, reconciled: true)
            }
        }
        for (id, record) in records where id.kind == .georepFaulty && record.isOpen && record.entity["primary_volume"] == volume && !listed.contains(id) {
            close(id, at: now, because: .poll)
        }
    }

    /// Takes what `gluster volume heal VOLUME info summary` counted (nil: it did not answer, and
    /// the counts are unknown now).
    public mutating func reconcileHeal(volume: String, _ counts: [String: HealCounts]?, at now: Double) {
        let name = Entity.bounded(volume)
        guard let counts, let listed = observed?.volumes.first(where: { $0.name == volume }) else {
            heal[name] = nil
            return
        }
        heal[name] = counts
        if let pending = HealthReport.Volume.healPending(listed, counts) { samples.record("heal:" + name, Double(pending), at: now) }
    }

    /// A brick of a started volume: down or up, and how full.
    private mutating func reconcile(_ brick: ObservedCluster.Brick, of volume: String, at now: Double) {
        let identity: [Entity.Field] = [.init(name: "peer", value: Entity.bounded(brick.host)), .init(name: "brick", value: Entity.bounded(brick.path))]
        let entity = Entity(fields: identity + [.init(name: "volume", value: volume)])
        if let online = brick.online, let id = ProblemID(.brickDown, entity) {
            if online {
                close(id, at: now, reconciled: true)
                if let checked = ProblemID(.brickHealthCheckFailed, entity) { close(checked, at: now, reconciled: true) }
            } else if records[id]?.isOpen != true {
                open(id, entity, at: now, reconciled: true)
            }
        }
        guard let space = brick.space else { return }
        for (resource, used) in [("space", space.sizeUsed), ("inodes", space.inodesUsed)] {
            let fields = entity.fields + [.init(name: "resource", value: resource)]
            let usedText = used.map { "\(Int(($0 * 100).rounded(.down)))% used" } ?? ""
            let shown = Entity(fields: fields + [.init(name: "used", value: usedText)])
            guard let filling = ProblemID(.brickFilling, shown), let full = ProblemID(.brickFull, shown) else { continue }
            let isFull = holds(full, shown, at: now, past: settings.capacityCritical, level: used)
            _ = holds(filling, shown, at: now, past: settings.capacityWarning, level: isFull ? nil : used)
        }
    }

    /// Opens (or updates) a capacity problem when `level` is past `threshold`, closes it a point
    /// below (so that it does not flap on the line); whether it is open now.
    private mutating func holds(_ id: ProblemID, _ entity: Entity, at now: Double, past threshold: Double, level: Double?) -> Bool {
        let isOpen = records[id]?.isOpen == true
        guard let level, level >= threshold - (isOpen ? 0.01 : 0) else {
            close(id, at: now, reconciled: true)
            return false
        }
        if isOpen { records[id]?.entity = entity } else { open(id, entity, at: now, reconciled: true) }
        return true
    }

    // MARK: Reading

    /// The next moment after `now` at which the report may change with no event, poll or decision:
    /// a problem done settling, a mute ending; at most `FlapDetection.slot` ahead (flapping fades,
    /// ages grow).
    public func nextTimedChange(after now: Double) -> Double {
        var next = now + settings.flapping.slot
        for id in settling { if let end = records[id]?.settlesAt, end > now { next = min(next, end) } }
        for mute in decisions.mutes.values where mute.until > now { next = min(next, mute.until) }
        return next
    }

    /// State changes within the flap window before `now`.
    func flaps(_ record: ProblemRecord, at now: Double) -> Int {
        record.changes.count(from: now - settings.flapping.window, to: now + 1)
    }

    public func report(at now: Double) -> HealthReport {
        var problems: [HealthReport.Problem] = []
        for record in records.values {
            let flaps = flaps(record, at: now)
            let flapping = flaps >= 2 && settings.flapping.isFlapping(record.changes.all, at: now)
            guard record.isOpen || flapping, !record.isSettling(at: now) else { continue }
            // acknowledged since it last changed: its flapping is known and seen to
            if !record.isOpen, let acknowledged = decisions.acknowledged[record.id.description], acknowledged >= (record.changes.last ?? 0) {
                continue
            }
            let thisWindow = record.openings.count(from: now - settings.trendWindow, to: now + 1)
            let windowBefore = record.openings.count(from: now - 2 * settings.trendWindow, to: now - settings.trendWindow)
            let mute = isMuted(record, at: now)
            // gluster does not list it (now): any datagram could have said it, so it pages no one
            let unverified = known.map { !$0.knows(record.entity) } ?? record.unverified
            problems.append(
                HealthReport.Problem(
                    id: record.id, entity: record.entity, isOpen: record.isOpen, since: record.since,
                    severity: record.isOpen && !unverified ? record.id.kind.severity : .warning, flaps: flaps, flapping: flapping,
                    openedInTrendWindow: thisWindow, gettingWorse: thisWindow >= 2 && thisWindow > windowBefore,
                    mutedUntil: mute?.until, reconciled: record.reconciled, unverified: unverified))
        }
        let volumes = volumeReports(problems)
        escalateBricksDown(&problems, in: volumes)
        problems.sort {
            ($0.severity, $0.since, $1.id) > ($1.severity, $1.since, $0.id)
        }
        let listed = Array(problems.prefix(settings.maxListed))
        let unlisted = problems.dropFirst(settings.maxListed)
        return HealthReport(
            problems: listed, volumes: volumes, peers: peerReport(problems), bursts: bursts.bursts(at: now), untracked: untracked,
            sources: HealthReport.Sources(events: eventsRead, lastEventAt: lastEventAt, gluster: gluster),
            notListed: problems.count - listed.count, notListedCritical: unlisted.count { !$0.muted && $0.severity == .critical },
            notListedMuted: unlisted.count(where: \.muted))
    }

    /// What the samples forecast for a volume and its bricks: when full, how fast the heal
    /// backlog drains and when it is done.
    private func forecast(_ report: inout HealthReport.Volume, _ volume: ObservedCluster.Volume) {
        let name = Entity.bounded(volume.name)
        if let total = report.sizeTotal { report.fullAt = samples.forecast("volume:" + name)?.reaches(Double(total)) }
        for (index, brick) in volume.bricks.enumerated() where index < report.bricks.count {
            guard let size = brick.space?.sizeTotal else { continue }
            report.bricks[index].fullAt = samples.forecast(Self.brickKey(brick))?.reaches(Double(size))
        }
        if let heal = samples.forecast("heal:" + name) {
            report.healRatePerHour = -heal.slope * 3600
            report.healDoneAt = heal.slope < 0 ? heal.reaches(0) : nil
        }
    }

    /// A brick down weighs as its volume's state: critical where its volume has data out of reach
    /// (PARTIAL or DOWN: a distribute brick, a replica set below quorum) and no critical problem
    /// of the volume says so already (as client quorum lost does: one incident, one page).
    private func escalateBricksDown(_ problems: inout [HealthReport.Problem], in volumes: [HealthReport.Volume]) {
        let told = Set(problems.filter { $0.isOpen && $0.severity == .critical }.compactMap(\.entity.volume))
        let unreachable = Set(volumes.filter { $0.state.severity == .critical && !told.contains($0.name) }.map(\.name))
        guard !unreachable.isEmpty else { return }
        for index in problems.indices where problems[index].isOpen && !problems[index].unverified && problems[index].id.kind == .brickDown {
            if let volume = problems[index].entity.volume, unreachable.contains(volume) { problems[index].severity = .critical }
        }
    }

    private func volumeReports(_ problems: [HealthReport.Problem]) -> [HealthReport.Volume] {
        let open = problems.filter(\.isOpen)
        let byVolume = Dictionary(grouping: open) { $0.entity.volume ?? "" }
        let topology = Dictionary((observed?.volumes ?? []).map { (Entity.bounded($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(volumes.keys).union(byVolume.keys.filter { !$0.isEmpty })
        return names.sorted().map { name in
            let problems = byVolume[name] ?? []
            let downBricks = Set(
                problems.filter { $0.id.kind == .brickDown || $0.id.kind == .brickHealthCheckFailed }.compactMap { problem in
                    problem.entity["brick"].map { (problem.entity["peer"] ?? "") + ":" + $0 }
                })
            var report = HealthReport.Volume(
                name: name, state: .up, brickCount: volumes[name]?.bricks, bricksDown: downBricks.count,
                splitBrains: problems.count { $0.id.kind == .splitBrain }, problems: problems.count, since: problems.map(\.since).min())
            if let observed = topology[name] {
                report.describe(observed, downBricks: downBricks, heal: heal[name])
                report.rebalance = rebalances[name]
                report.quota = quotas[name] ?? []
                report.geoReplication = georeps[name] ?? []
                forecast(&report, observed)
            } else {
                report.state = volumes[name]?.stopped == true && problems.isEmpty ? .stopped : (problems.isEmpty ? .up : .degraded)
            }
            report.worsen(by: problems)
            if gluster.state == .unanswered, report.state == .up {
                report.state = .unknown
                report.reason = "glusterd not answering"
            }
            return report
        }
    }

    private func peerReport(_ problems: [HealthReport.Problem]) -> HealthReport.Peers? {
        guard !peers.isEmpty else { return nil }
        let down = Set(problems.filter { $0.isOpen && ($0.id.kind == .peerDisconnected || $0.id.kind == .peerRejected) }.compactMap { $0.entity["peer"] })
        return HealthReport.Peers(known: peers.count, connected: peers.subtracting(down).count)
    }
}
