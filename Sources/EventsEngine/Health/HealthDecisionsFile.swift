import ClusterHealth
import GlusterEvents
import GlusterHost

/// `health-decisions.json` in the state directory: the mutes and acknowledgements, changed under
/// gluster's file lock by whoever decides (the engine for its dashboard, or `eventsdash health`),
/// and taken up by a running engine when it changes.
public struct HealthDecisionsFile: Sendable {
    let file: LockedJSONFile

    /// 10,000 mutes and 10,000 acknowledgements take about 2 MB.
    public init(path: String) { file = LockedJSONFile(path: path, maxBytes: 4 << 20) }

    /// What was decided (nothing when the file does not exist yet).
    public func read() throws(ConfigFileError) -> HealthDecisions {
        try file.read().map(HealthDecisions.init(json:)) ?? HealthDecisions()
    }

    /// Records `decision`, taken at `now`, and returns all the decisions now in the file.
    @discardableResult
    public func record(_ decision: HealthDecision, at now: Double) throws -> HealthDecisions {
        try file.update { json in
            var decisions = HealthDecisions(json: json)
            decisions.record(decision, at: now)
            return (decisions.json, decisions)
        }
    }
}
