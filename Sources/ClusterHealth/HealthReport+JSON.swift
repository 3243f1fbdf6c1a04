import GlusterEvents

/// The report as JSON: what `health --json` prints, the engine publishes (`health.json`) for the
/// commands and attached dashboards, and they read back. Problems name their entity with
/// gluster's own field names; times are Unix seconds.
extension HealthReport {
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("status", .string(status.word)),
            ("problems", .array(problems.map(\.json))),
            ("volumes", .array(volumes.map(\.json))),
        ]
        if let peers { members.append(("peers", .object([("known", .int(Int64(peers.known))), ("connected", .int(Int64(peers.connected)))]))) }
        members.append(("bursts", .array(bursts.map(\.json))))
        members.append(("untracked", .int(Int64(untracked))))
        if notListed > 0 {
            members += [
                ("not_listed", .int(Int64(notListed))), ("not_listed_critical", .int(Int64(notListedCritical))),
                ("not_listed_muted", .int(Int64(notListedMuted))),
            ]
        }
        members.append(("sources", sources.json))
        return .object(members)
    }

    /// Reads what `json` wrote; nil for anything else.
    public init?(json: JSONValue) {
        guard let problems = json["problems"]?.arrayValues, let volumes = json["volumes"]?.arrayValues,
            let bursts = json["bursts"]?.arrayValues
        else { return nil }
        self.init(
            problems: problems.compactMap(Problem.init(json:)), volumes: volumes.compactMap(Volume.init(json:)),
            peers: json["peers"].flatMap { peers in
                guard let known = peers["known"]?.int, let connected = peers["connected"]?.int else { return nil }
                return Peers(known: known, connected: connected)
            },
            bursts: bursts.compactMap(Burst.init(json:)), untracked: json["untracked"]?.int ?? 0,
            sources: json["sources"].flatMap(Sources.init(json:)) ?? Sources(), notListed: json["not_listed"]?.int ?? 0,
            notListedCritical: json["not_listed_critical"]?.int ?? 0, notListedMuted: json["not_listed_muted"]?.int ?? 0)
    }
}

extension HealthReport.Problem {
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id.description)), ("kind", .string(id.kind.rawValue)), ("severity", .string(severity.rawValue)),
            ("since", .int(Int64(clamping: since))),
            ("entity", .object(entity.fields.map { ($0.name, .string($0.value)) })),
            ("summary", .string(summary)), ("open", .bool(isOpen)), ("flaps", .int(Int64(flaps))), ("flapping", .bool(flapping)),
            ("opened_last_hour", .int(Int64(openedInTrendWindow))), ("getting_worse", .bool(gettingWorse)),
            ("muted", .bool(muted)),
        ]
        if let mutedUntil { members.append(("muted_until", .int(Int64(clamping: mutedUntil)))) }
        members.append(("reconciled", .bool(reconciled)))
        if unverified { members.append(("unverified", .bool(true))) }
        return .object(members)
    }

    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue.flatMap(ProblemID.init), let severity = json["severity"]?.stringValue.flatMap(ProblemKind.Severity.init),
            let since = json["since"]?.intValue, let fields = json["entity"]?.objectMembers
        else { return nil }
        self.init(
            id: id, entity: Entity(fields: fields.compactMap { name, value in value.stringValue.map { Entity.Field(name: name, value: $0) } }),
            isOpen: json["open"]?.boolValue ?? true, since: Double(since), severity: severity, flaps: json["flaps"]?.int ?? 0,
            flapping: json["flapping"]?.boolValue ?? false, openedInTrendWindow: json["opened_last_hour"]?.int ?? 0,
            gettingWorse: json["getting_worse"]?.boolValue ?? false, mutedUntil: json["muted_until"]?.intValue.map(Double.init),
            reconciled: json["reconciled"]?.boolValue ?? false, unverified: json["unverified"]?.boolValue ?? false)
    }
}

extension HealthReport.Volume {
    /// Bytes and counts as gluster reports them; `heal_pending` is null until `heal info summary`
    /// has told it, `full_at` until a forecast does.
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(name)), ("type", layout.map { .string($0.kind.rawValue) } ?? .null), ("state", .string(state.rawValue)),
        ]
        if !reason.isEmpty { members.append(("reason", .string(reason))) }
        if let layout {
            members += [
                ("replica_count", .int(Int64(layout.replicaCount))), ("arbiter_count", .int(Int64(layout.arbiterCount))),
                ("disperse_count", .int(Int64(layout.disperseCount))), ("redundancy_count", .int(Int64(layout.redundancyCount))),
            ]
        }
        if let brickCount { members.append(("brick_count", .int(Int64(brickCount)))) }
        members += [
            ("bricks_down", .int(Int64(bricksDown))), ("split_brains", .int(Int64(splitBrains))), ("problems", .int(Int64(problems))),
        ]
        if let since { members.append(("since", .int(Int64(clamping: since)))) }
        members += [
            ("size_total", sizeTotal.json), ("size_free", sizeFree.json), ("heal_pending", healPending.map { .int(Int64($0)) } ?? .null),
            ("full_at", fullAt.seconds), ("heal_rate_per_hour", healRatePerHour.map { .double(($0 * 10).rounded() / 10) } ?? .null),
            ("heal_done_at", healDoneAt.seconds),
            ("rebalance", rebalance.map { .object([("status", .string($0.status)), ("failures", .int(Int64($0.failures)))]) } ?? .null),
            ("quota", .array(quota.map { limit in
                .object([
                    ("path", .string(limit.path)), ("hard_limit", .int(Int64(clamping: limit.hardLimit))), ("used", .int(Int64(clamping: limit.used))),
                    ("soft_exceeded", .bool(limit.softExceeded)), ("hard_exceeded", .bool(limit.hardExceeded)),
                ])
            })),
            ("geo_replication", .array(geoReplication.map(\.json))),
            ("bricks", .array(bricks.map(\.json))),
        ]
        return .object(members)
    }

    init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let state = json["state"]?.stringValue.flatMap({ VolumeState(rawValue: $0) }) else {
            return nil
        }
        let layout = json["brick_count"]?.int.flatMap { count -> VolumeLayout? in
            guard let replicas = json["replica_count"]?.int else { return nil }
            return VolumeLayout(
                brickCount: count, replicaCount: replicas, arbiterCount: json["arbiter_count"]?.int ?? 0,
                disperseCount: json["disperse_count"]?.int ?? 0, redundancyCount: json["redundancy_count"]?.int ?? 0)
        }
        self.init(
            name: name, state: state, layout: layout, brickCount: json["brick_count"]?.int, bricksDown: json["bricks_down"]?.int ?? 0,
            splitBrains: json["split_brains"]?.int ?? 0, problems: json["problems"]?.int ?? 0, since: json["since"]?.intValue.map(Double.init),
            reason: json["reason"]?.stringValue ?? "", sizeTotal: json["size_total"]?.bytes, sizeFree: json["size_free"]?.bytes,
            healPending: json["heal_pending"]?.int, fullAt: json["full_at"]?.intValue.map(Double.init),
            healRatePerHour: json["heal_rate_per_hour"]?.doubleValue, healDoneAt: json["heal_done_at"]?.intValue.map(Double.init),
            bricks: json["bricks"]?.arrayValues?.compactMap(HealthReport.Brick.init(json:)) ?? [])
        rebalance = json["rebalance"].flatMap { rebalance in
            rebalance["status"]?.stringValue.map { VolumeDetails.Rebalance(status: $0, failures: rebalance["failures"]?.int ?? 0) }
        }
        quota = (json["quota"]?.arrayValues ?? []).compactMap { limit in
            guard let path = limit["path"]?.stringValue, let hard = limit["hard_limit"]?.bytes else { return nil }
            return VolumeDetails.QuotaLimit(
                path: path, hardLimit: hard, used: limit["used"]?.bytes ?? 0, softExceeded: limit["soft_exceeded"]?.boolValue ?? false,
                hardExceeded: limit["hard_exceeded"]?.boolValue ?? false)
        }
        geoReplication = (json["geo_replication"]?.arrayValues ?? []).compactMap(VolumeDetails.GeoReplicationWorker.init(json:))
    }
}

extension VolumeDetails.GeoReplicationWorker {
    var json: JSONValue {
        .object([
            ("primary_node", .string(primaryNode)), ("primary_brick", .string(primaryBrick)), ("secondary", .string(secondary)),
            ("secondary_user", .string(secondaryUser)), ("secondary_host", .string(secondaryHost)), ("secondary_volume", .string(secondaryVolume)),
            ("status", .string(status)), ("crawl_status", crawlStatus.map(JSONValue.string) ?? .null),
            ("last_synced", lastSynced.map(JSONValue.string) ?? .null), ("failures", failures.map { .int(Int64($0)) } ?? .null),
        ])
    }

    init?(json: JSONValue) {
        guard let brick = json["primary_brick"]?.stringValue, let host = json["secondary_host"]?.stringValue,
            let volume = json["secondary_volume"]?.stringValue, let status = json["status"]?.stringValue
        else { return nil }
        self.init(
            primaryNode: json["primary_node"]?.stringValue ?? "", primaryBrick: brick, secondaryUser: json["secondary_user"]?.stringValue ?? "root",
            secondaryHost: host, secondaryVolume: volume, status: status, crawlStatus: json["crawl_status"]?.stringValue,
            lastSynced: json["last_synced"]?.stringValue, failures: json["failures"]?.int)
    }
}

extension HealthReport.Brick {
    var json: JSONValue {
        .object([
            ("host", .string(host)), ("path", .string(path)), ("online", online.map(JSONValue.bool) ?? .null),
            ("size_total", space.map(\.sizeTotal).json), ("size_free", space.map(\.sizeFree).json),
            ("inodes_total", space.map(\.inodesTotal).json), ("inodes_free", space.map(\.inodesFree).json),
            ("heal_pending", heal.map { .int(Int64($0.pending)) } ?? .null),
            ("heal_split_brain", heal.map { .int(Int64($0.splitBrain)) } ?? .null),
            ("heal_possibly_healing", heal.map { .int(Int64($0.possiblyHealing)) } ?? .null), ("full_at", fullAt.seconds),
        ])
    }

    init?(json: JSONValue) {
        guard let host = json["host"]?.stringValue, let path = json["path"]?.stringValue else { return nil }
        let space = json["size_total"]?.bytes.map { total in
            ObservedCluster.Space(
                sizeTotal: total, sizeFree: json["size_free"]?.bytes ?? 0, inodesTotal: json["inodes_total"]?.bytes ?? 0,
                inodesFree: json["inodes_free"]?.bytes ?? 0)
        }
        let heal = json["heal_pending"]?.int.map { pending in
            HealCounts(pending: pending, splitBrain: json["heal_split_brain"]?.int ?? 0, possiblyHealing: json["heal_possibly_healing"]?.int ?? 0)
        }
        self.init(host: host, path: path, online: json["online"]?.boolValue, space: space, heal: heal)
        fullAt = json["full_at"]?.intValue.map(Double.init)
    }
}

extension HealthReport.Sources {
    /// `[{"name": "events", …}, {"name": "gluster", …}]`: what each source said, and when.
    var json: JSONValue {
        var gluster: [(key: String, value: JSONValue)] = [("name", .string("gluster")), ("state", .string(self.gluster.state.rawValue))]
        if let since = self.gluster.since { gluster.append(("since", .int(Int64(clamping: since)))) }
        gluster.append(("last_answer", self.gluster.lastAnswer.map { .int(Int64(clamping: $0)) } ?? .null))
        if let detail = self.gluster.detail { gluster.append(("detail", .string(detail))) }
        return .array([
            .object([
                ("name", .string("events")), ("events", .int(Int64(events))),
                ("last_event", lastEventAt.map { .int(Int64(clamping: $0)) } ?? .null),
            ]),
            .object(gluster),
        ])
    }

    init?(json: JSONValue) {
        guard let sources = json.arrayValues else { return nil }
        self.init()
        for source in sources {
            switch source["name"]?.stringValue {
            case "events":
                events = source["events"]?.int ?? 0
                lastEventAt = source["last_event"]?.intValue.map(Double.init)
            case "gluster":
                gluster = GlusterSource(
                    state: source["state"]?.stringValue.flatMap { GlusterSource.State(rawValue: $0) } ?? .notAsked,
                    since: source["since"]?.intValue.map(Double.init), lastAnswer: source["last_answer"]?.intValue.map(Double.init),
                    detail: source["detail"]?.stringValue)
            default: continue
            }
        }
    }
}

extension Burst {
    var json: JSONValue {
        .object([("event", .string(event)), ("per_minute", .int(Int64(perMinute))), ("usual_per_minute", .double(usualPerMinute))])
    }

    init?(json: JSONValue) {
        guard let event = json["event"]?.stringValue, let perMinute = json["per_minute"]?.int else { return nil }
        let usual: Double =
            switch json["usual_per_minute"] {
            case .double(let value): value
            case .int(let value): Double(value)
            default: 0
            }
        self.init(event: event, perMinute: perMinute, usualPerMinute: usual)
    }
}

extension JSONValue {
    /// A JSON integer as an `Int` (clamped: it came from a file).
    fileprivate var int: Int? { intValue.map { Int(clamping: $0) } }

    /// A count of bytes or inodes (negative ones are none).
    fileprivate var bytes: UInt64? { intValue.map { UInt64(clamping: $0) } }
}

extension Double? {
    /// A time as JSON: whole Unix seconds, or null.
    fileprivate var seconds: JSONValue { map { .int(Int64(clamping: $0)) } ?? .null }
}

extension UInt64? {
    /// As JSON: a number (at most Int64.max), or null.
    fileprivate var json: JSONValue { map { .int(Int64(clamping: $0)) } ?? .null }
}

extension Int64 {
    /// A time or count that may be anything (NaN counts as 0).
    fileprivate init(clamping value: Double) {
        self = value.isNaN ? 0 : value >= 9.2e18 ? .max : value <= -9.2e18 ? .min : Int64(value)
    }
}
