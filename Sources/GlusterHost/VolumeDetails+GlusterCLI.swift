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
extension VolumeDetails {
    /// Asks what `request` says to, each call killed after `deadline` seconds.
    public static func fromGlusterCLI(_ request: Request, deadline: Double) -> VolumeDetails {
        var details = VolumeDetails()
        if request.heal { details.heal = HealCounts.fromGlusterCLI(volume: request.volume, deadline: deadline) }
        if request.rebalance {
            details.rebalance = answer(["volume", "rebalance", request.volume, "status", "--xml"], deadline).flatMap(rebalance(xml:))
        }
        if request.quota { details.quota = answer(["volume", "quota", request.volume, "list", "--xml"], deadline).flatMap(quota(xml:)) }
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
}
