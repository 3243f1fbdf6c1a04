import ClusterHealth

/// The slower per-volume polls: `volume heal V info summary` (see `HealCounts+GlusterCLI`),
/// `volume rebalance V status` and `volume quota V list`, `--xml`:
///
///     <volRebalance>…<aggregate><files>0</files>…<failures>0</failures><status>3</status>
///       <statusStr>completed</statusStr></aggregate></volRebalance>
///     (none yet: opRet -1, <opErrstr>Rebalance not started for volume dv.</opErrstr>)
///
///     <volQuota><limit><path>/</path><hard_limit>10737418240</hard_limit>…<used_space>0</used_space>
///       <sl_exceeded>No</sl_exceeded><hl_exceeded>No</hl_exceeded></limit>…</volQuota>
///
///     <geoRep><volume><name>mv</name><sessions><session>…<pair><primary_node>vm</primary_node>
///       <primary_brick>/bricks/mv/b</primary_brick><secondary_user>root</secondary_user>
///       <secondary>ssh://vm::sv</secondary><status>Faulty</status><crawl_status>N/A</crawl_status>
///       …<failures>N/A</failures><last_synced>N/A</last_synced>…</pair></session></sessions></volume></geoRep>
///     (glusterfs 9 and before: master_node, master_brick, slave_user, slave; no session, or none
///     left after a delete: "geo-replication command failed", not XML, exit 2)
extension VolumeDetails {
    /// Asks what `request` says to, each call killed after `deadline` seconds.
    public static func fromGlusterCLI(_ request: Request, deadline: Double) -> VolumeDetails {
        var details = VolumeDetails()
        if request.heal { details.heal = HealCounts.fromGlusterCLI(volume: request.volume, deadline: deadline) }
        if request.rebalance {
            details.rebalance = answer(["volume", "rebalance", request.volume, "status", "--xml"], deadline).flatMap(rebalance(xml:))
        }
        if request.quota { details.quota = answer(["volume", "quota", request.volume, "list", "--xml"], deadline).flatMap(quota(xml:)) }
        if request.georep {
            details.georep = answer(["volume", "geo-replication", request.volume, "status", "--xml"], deadline).flatMap(geoReplication(xml:))
        }
        return details
    }

    /// The XML it printed, whatever its exit status (a rebalance not started exits non-zero).
    private static func answer(_ arguments: [String], _ deadline: Double) -> String? {
        switch GlusterCLI.run(arguments, deadline: deadline) {
        case .output(let xml), .failed(_, let xml): return xml
        case .timedOut, .absent: return nil
        }
    }

    /// The last rebalance; `not started` when there was none; nil when the answer does not read.
    public static func rebalance(xml: String) -> Rebalance? {
        guard let root = CLIOutputElement.parse(xml), root.name == "cliOutput" else { return nil }
        if root.text(of: "opRet") != "0" {
            let words = root.text(of: "opErrstr") ?? ""
            return words.contains("not started") ? Rebalance(status: "not started", failures: 0) : nil
        }
        guard let aggregate = root.child("volRebalance")?.child("aggregate"), let status = aggregate.text(of: "statusStr") else { return nil }
        return Rebalance(status: String(status.prefix(64)), failures: aggregate.text(of: "failures").flatMap { Int($0) } ?? 0)
    }

    /// The quota limits of a successful `quota list`; nil otherwise.
    public static func quota(xml: String) -> [QuotaLimit]? {
        guard let limits = ObservedCluster.successfulOutput(xml)?.child("volQuota") else { return nil }
        return limits.children("limit").prefix(maxQuotaLimits).compactMap { limit in
            guard let path = limit.text(of: "path"), let hard = limit.text(of: "hard_limit").flatMap({ UInt64($0) }) else { return nil }
            return QuotaLimit(
                path: path, hardLimit: hard, used: limit.text(of: "used_space").flatMap { UInt64($0) } ?? 0,
                softExceeded: limit.text(of: "sl_exceeded") == "Yes", hardExceeded: limit.text(of: "hl_exceeded") == "Yes")
        }
    }

    /// The geo-replication workers of a successful `volume geo-replication V status`; nil otherwise
    /// (its answer without sessions is not XML, and tells no more than a failure does).
    public static func geoReplication(xml: String) -> [GeoReplicationWorker]? {
        guard let volumes = ObservedCluster.successfulOutput(xml)?.child("geoRep") else { return nil }
        let pairs = volumes.children("volume").lazy.flatMap { $0.child("sessions")?.children("session") ?? [] }.flatMap { $0.children("pair") }
        return pairs.prefix(maxGeoReplicationWorkers).compactMap(GeoReplicationWorker.init(pair:))
    }
}

extension VolumeDetails.GeoReplicationWorker {
    /// A `<pair>`, in glusterfs 10's words or the older ones; nil without a brick or secondary.
    init?(pair: CLIOutputElement) {
        func text(_ names: String...) -> String? {
            names.lazy.compactMap { pair.text(of: $0) }.first.flatMap { $0.isEmpty || $0 == "N/A" ? nil : $0 }
        }
        guard let brick = text("primary_brick", "master_brick"), let secondary = text("secondary", "slave"),
            let (host, volume) = Self.hostAndVolume(secondary)
        else { return nil }
        self.init(
            primaryNode: text("primary_node", "master_node") ?? "", primaryBrick: brick, secondaryUser: text("secondary_user", "slave_user") ?? "root",
            secondaryHost: host, secondaryVolume: volume, status: String((text("status") ?? "unknown").prefix(64)),
            crawlStatus: text("crawl_status").map { String($0.prefix(64)) }, lastSynced: text("last_synced").map { String($0.prefix(64)) },
            failures: text("failures").flatMap { Int($0) })
    }

    /// `ssh://[user@]host::volume` (the scheme and user optional) as host and volume.
    public static func hostAndVolume(_ secondary: String) -> (String, String)? {
        var rest = Substring(secondary)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let at = rest.firstIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        guard let split = rest.range(of: "::"), !rest[..<split.lowerBound].isEmpty, !rest[split.upperBound...].isEmpty else { return nil }
        return (String(rest[..<split.lowerBound]), String(rest[split.upperBound...]))
    }
}
