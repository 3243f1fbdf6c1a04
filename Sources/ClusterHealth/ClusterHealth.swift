import GlusterEvents

/// The state the events add up to: which problems are open (bricks down, quorum lost, split-brain,
/// geo-rep faulty…), since when, how often they flap, whether they are getting worse — and what
/// people decided about them. A value fed events in order (from the log on start, then live), and
/// reconciled with what the gluster CLI sees; `report(at:)` says what is wrong now.
public struct ClusterHealth: Sendable {
    public struct Settings: Sendable {
        /// An entity that opens or closes `flapThreshold` times within `flapWindow` seconds is flapping.
        public var flapWindow: Double = 600
        public var flapThreshold = 4
        /// A problem opening more often in the last `trendWindow` than in the one before is getting worse.
        public var trendWindow: Double = 3600
        /// Problems followed at most, open or recently changed (their names come from outside).
        public var maxProblems = 10_000
        /// Volumes whose bricks and state are followed at most (VOLUME_CREATE names them), and
        /// peers counted at most.
        public var maxVolumes = 2_048
        public var maxPeers = 1_024

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

    public init(settings: Settings = Settings(), decisions: HealthDecisions = HealthDecisions()) {
        self.settings = settings
        self.decisions = decisions
    }

    // MARK: Events

    public mutating func apply(_ event: HealthEvent) {
        bursts.count(event.name, at: event.time)
        learnFacts(event)
        guard let rule = HealthRules.rule(for: event.name), let entity = Entity(rule, of: event) else { return }
        switch rule.effect {
        case .opens(let kind):
            if let id = ProblemID(kind, entity) { open(id, entity, at: event.time, reconciled: false) }
        case .closes(let kinds):
            for kind in kinds {
                if let id = ProblemID(kind, entity) { close(id, at: event.time, reconciled: false) }
            }
        case .clearsVolume:
            if let volume = entity["volume"] { clear(volume: volume, at: event.time, reconciled: false) }
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
            records[id]?.close(at: time, reconciled: false)
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
            records = records.filter { $0.value.entity.volume != name }
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
        guard records[id] != nil || makeRoom() else {
            untracked &+= 1
            return
        }
        var record = records[id] ?? ProblemRecord(id: id, entity: entity, since: time)
        record.entity = entity
        if !record.isOpen { record.open(at: time, reconciled: reconciled) }
        if let acknowledged = decisions.acknowledged[id.description], time <= acknowledged {
            record.close(at: acknowledged, reconciled: false)
        }
        records[id] = record
    }

    private mutating func close(_ id: ProblemID, at time: Double, reconciled: Bool) {
        guard records[id]?.isOpen == true else { return }
        records[id]?.close(at: time, reconciled: reconciled)
    }

    /// A stopped or deleted volume: none of its problems stand.
    private mutating func clear(volume: String, at time: Double, reconciled: Bool) {
        for (id, record) in records where record.isOpen && record.entity.volume == volume {
            records[id]?.close(at: time, reconciled: reconciled)
        }
    }

    /// Forgets what no report needs any more when the table is full; whether there is room now.
    private mutating func makeRoom() -> Bool {
        guard records.count >= settings.maxProblems else { return true }
        let horizon = (records.values.map(\.since).max() ?? 0) - 2 * settings.trendWindow
        records = records.filter { $0.value.isOpen || $0.value.since >= horizon }
        return records.count < settings.maxProblems
    }

    // MARK: People's decisions

    /// Takes a person's decision, made at `now`: a mute shows the problem as muted and leaves it out
    /// of the status until it opens again (gets worse) or the time is up; an acknowledgement closes
    /// it until it happens again.
    public mutating func decide(_ decision: HealthDecision, at now: Double) {
        decisions.record(decision, at: now)
        if case .acknowledge(let id) = decision { close(id, at: now, reconciled: false) }
    }

    /// Takes the decisions as another process recorded them (`eventsdash health mute` while the
    /// engine runs): acknowledgements close what they name.
    public mutating func adopt(_ decisions: HealthDecisions) {
        self.decisions = decisions
        for (id, at) in decisions.acknowledged {
            guard let id = ProblemID(id), let record = records[id], record.isOpen, record.since <= at else { continue }
            records[id]?.close(at: at, reconciled: false)
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
        records = records.filter { $0.value.isOpen || $0.value.since >= horizon || flaps($0.value, at: now) > 0 }
        decisions.acknowledged = decisions.acknowledged.filter { id, at in
            at >= horizon || ProblemID(id).flatMap { records[$0] } != nil
        }
    }

    // MARK: Reconciliation

    /// Corrects the state with what the gluster CLI sees (`gluster volume status all --xml`,
    /// `gluster pool list`): a brick down before eventsdash started, an event missed. What it
    /// changes is marked as reconciled.
    public mutating func reconcile(_ observed: ObservedCluster, at now: Double) {
        for (name, bricks) in Dictionary(grouping: observed.bricks, by: \.volume) {
            volumes[Entity.bounded(name), default: VolumeFacts()].observed(bricks: bricks.count)
        }
        for brick in observed.bricks {
            let entity = Entity(fields: [
                .init(name: "peer", value: brick.host), .init(name: "volume", value: brick.volume), .init(name: "brick", value: brick.path),
            ])
            guard let id = ProblemID(.brickDown, entity) else { continue }
            if brick.online {
                close(id, at: now, reconciled: true)
                if let checked = ProblemID(.brickHealthCheckFailed, entity) { close(checked, at: now, reconciled: true) }
            } else if records[id]?.isOpen != true {
                open(id, entity, at: now, reconciled: true)
            }
        }
        for (name, facts) in volumes where !facts.stopped && !observed.startedVolumes.contains(name) {
            volumes[name]?.stopped = true
            clear(volume: name, at: now, reconciled: true)
        }
        if let observedPeers = observed.peers {
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

    // MARK: Reading

    /// State changes within the flap window before `now`.
    func flaps(_ record: ProblemRecord, at now: Double) -> Int {
        record.changes.count(from: now - settings.flapWindow, to: now + 1)
    }

    public func report(at now: Double) -> HealthReport {
        var problems: [HealthReport.Problem] = []
        for record in records.values {
            let flaps = flaps(record, at: now)
            let flapping = flaps >= settings.flapThreshold
            guard record.isOpen || flapping else { continue }
            let thisWindow = record.openings.count(from: now - settings.trendWindow, to: now + 1)
            let windowBefore = record.openings.count(from: now - 2 * settings.trendWindow, to: now - settings.trendWindow)
            let mute = isMuted(record, at: now)
            problems.append(
                HealthReport.Problem(
                    id: record.id, entity: record.entity, isOpen: record.isOpen, since: record.since,
                    severity: record.isOpen ? record.id.kind.severity : .warning, flaps: flaps, flapping: flapping,
                    openedInTrendWindow: thisWindow, gettingWorse: thisWindow >= 2 && thisWindow > windowBefore,
                    mutedUntil: mute?.until, reconciled: record.reconciled))
        }
        problems.sort {
            ($0.severity, $0.since, $1.id) > ($1.severity, $1.since, $0.id)
        }
        return HealthReport(
            problems: problems, volumes: volumeReports(problems), peers: peerReport(problems), bursts: bursts.bursts(at: now),
            untracked: untracked)
    }

    private func volumeReports(_ problems: [HealthReport.Problem]) -> [HealthReport.Volume] {
        let open = problems.filter(\.isOpen)
        let byVolume = Dictionary(grouping: open) { $0.entity.volume ?? "" }
        let names = Set(volumes.keys).union(byVolume.keys.filter { !$0.isEmpty })
        return names.sorted().map { name in
            let problems = byVolume[name] ?? []
            let facts = volumes[name]
            return HealthReport.Volume(
                name: name, stopped: facts?.stopped ?? false, bricks: facts?.bricks,
                bricksDown: Set(problems.filter { $0.id.kind == .brickDown || $0.id.kind == .brickHealthCheckFailed }.map(\.entity.label)).count,
                splitBrains: problems.count { $0.id.kind == .splitBrain },
                serving: !problems.contains { [.quorumLost, .subvolumeDown, .ecBricksNotUp].contains($0.id.kind) },
                problems: problems.count, since: problems.map(\.since).min())
        }
    }

    private func peerReport(_ problems: [HealthReport.Problem]) -> HealthReport.Peers? {
        guard !peers.isEmpty else { return nil }
        let down = Set(problems.filter { $0.isOpen && ($0.id.kind == .peerDisconnected || $0.id.kind == .peerRejected) }.compactMap { $0.entity["peer"] })
        return HealthReport.Peers(known: peers.count, connected: peers.subtracting(down).count)
    }
}
