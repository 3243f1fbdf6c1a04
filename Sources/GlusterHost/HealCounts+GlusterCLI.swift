import ClusterHealth

/// `gluster volume heal VOLUME info summary --xml` (glusterfs's glfs-heal.c), for replicate and
/// disperse volumes; it walks each brick's index of entries to heal, so it can take long on a big
/// backlog:
///
///     <cliOutput><healInfo><bricks>
///       <brick hostUuid="…"><name>vm:/bricks/rv/b2</name><status>Connected</status>
///         <totalNumberOfEntries>43</totalNumberOfEntries><numberOfEntriesInHealPending>43</numberOfEntriesInHealPending>
///         <numberOfEntriesInSplitBrain>0</numberOfEntriesInSplitBrain><numberOfEntriesPossiblyHealing>0</numberOfEntriesPossiblyHealing>
///       </brick>…
///     </bricks></healInfo><opRet>0</opRet>…</cliOutput>
///
/// A brick it cannot reach has only a `<status>` ("… Transport endpoint is not connected"): its
/// counts are unknown. A distribute volume answers opRet -1.
extension HealCounts {
    /// Asks the gluster CLI, killed after `deadline` seconds; nil when it did not answer with counts.
    public static func fromGlusterCLI(volume: String, deadline: Double) -> [String: HealCounts]? {
        guard case .output(let xml) = GlusterCLI.run(["volume", "heal", volume, "info", "summary", "--xml"], deadline: deadline)
        else { return nil }
        return bricks(summaryXML: xml)
    }

    /// Each brick's counts by its `host:path`, for the bricks that gave them; nil when the answer
    /// is not a successful summary.
    public static func bricks(summaryXML xml: String) -> [String: HealCounts]? {
        guard let bricks = ObservedCluster.successfulOutput(xml)?.child("healInfo")?.child("bricks") else { return nil }
        var counts: [String: HealCounts] = [:]
        for brick in bricks.children("brick") {
            func number(_ name: String) -> Int? { brick.text(of: name).flatMap { Int($0) } }
            guard let name = brick.text(of: "name"), let pending = number("numberOfEntriesInHealPending") else { continue }
            counts[name] = HealCounts(
                pending: pending, splitBrain: number("numberOfEntriesInSplitBrain") ?? 0,
                possiblyHealing: number("numberOfEntriesPossiblyHealing") ?? 0)
        }
        return counts
    }
}
