import ClusterHealth
import EventsEngine
import Foundation
import GlusterEvents
import GlusterHost

/// The cluster's health as `eventsdash health` finds it: what the engine running on the workdir
/// published (`health.json`), or, with no engine (or one whose report is missing or stale), the
/// state rebuilt from the event log as the engine would on start, with the decisions file, and
/// reconciled once with the gluster CLI where it answers.
struct HealthSource {
    enum Origin: Equatable {
        /// `health.json` of the engine with this pid.
        case engine(pid: Int32)
        /// Rebuilt from this many logged events; what the gluster CLI said (nil: not asked).
        case log(events: Int, gluster: ClusterObservation?)
    }

    let report: HealthReport
    let origin: Origin
    /// Why the engine's report was not used, when an engine runs.
    let notes: [String]

    /// Why no source that knows the cluster now answered (no engine runs, and the gluster CLI
    /// did not answer or was not asked): the report is only what the log last said. Nil when one did.
    var unanswered: String? {
        guard case .log(_, let gluster) = origin else { return nil }
        let why: String
        switch gluster {
        case .observed: return nil
        case .glusterdDown(let words): why = "glusterd did not answer (\(words))"
        case .failed(let words): why = "the gluster CLI failed (\(words))"
        case .noCLI: why = "there is no gluster CLI on this node"
        case nil: why = "the gluster CLI was not asked (--no-gluster)"
        }
        return "no engine runs on this workdir and " + why
    }

    /// Why nothing can be said (Nagios UNKNOWN).
    struct Unknown: Error, CustomStringConvertible { let description: String }

    /// An engine that has not rewritten `engine.json` for this long (it does every second) is stuck:
    /// its `health.json` may be out of date.
    static let staleAfterSeconds: Int64 = 10

    /// `reconcile`: ask the gluster CLI when rebuilding from the log.
    static func current(layout: StateLayout, reconcile: Bool, now: Date = Date()) throws(Unknown) -> HealthSource {
        var notes: [String] = []
        if let pid = EngineLock.holder(path: layout.lockFile) {
            switch published(layout: layout, pid: pid, now: now) {
            case .success(let report): return HealthSource(report: report, origin: .engine(pid: pid), notes: [])
            case .failure(let why): notes.append("the engine (pid \(pid)) \(why.description): rebuilt from the event log instead")
            }
        }
        let rebuilt = try rebuild(layout: layout, reconcile: reconcile, now: now)
        return HealthSource(report: rebuilt.report, origin: rebuilt.origin, notes: notes)
    }

    /// The running engine's `health.json`, when it is there, readable and current: written since
    /// the engine started, by an engine that still publishes its figures.
    private static func published(layout: StateLayout, pid: Int32, now: Date) -> Result<HealthReport, Unknown> {
        guard let status = EngineStatus.read(from: layout.statusFile, publishedBy: pid) else {
            return .failure(Unknown(description: "has published no figures yet"))
        }
        let silence = Int64(now.timeIntervalSince1970) - status.updatedAt
        guard silence <= staleAfterSeconds else {
            return .failure(Unknown(description: "has not published its figures for \(silence) s"))
        }
        guard let written = (try? FileManager.default.attributesOfItem(atPath: layout.healthFile))?[.modificationDate] as? Date
        else { return .failure(Unknown(description: "has not published its health yet (no \(layout.healthFile))")) }
        guard Int64(written.timeIntervalSince1970) >= status.startedAt else {
            return .failure(Unknown(description: "has not published its health yet (\(layout.healthFile) is older than it)"))
        }
        guard let text = try? String(contentsOfFile: layout.healthFile, encoding: .utf8),
            let report = (try? JSONValue.parse(text)).flatMap(HealthReport.init(json:))
        else { return .failure(Unknown(description: "published a health file that cannot be read (\(layout.healthFile))")) }
        return .success(report)
    }

    /// The state an engine starting now would have: the decisions, the whole log replayed, then
    /// what the gluster CLI sees.
    private static func rebuild(layout: StateLayout, reconcile: Bool, now: Date) throws(Unknown) -> (report: HealthReport, origin: Origin) {
        let directory = layout.eventLogDirectory
        guard FileManager.default.fileExists(atPath: directory) else {
            throw Unknown(description: "no engine runs on this workdir and it has no event log (start one with: eventsdash serve)")
        }
        guard FileManager.default.isReadableFile(atPath: directory) else { throw Unknown(description: "cannot read the event log \(directory)") }
        let decisions: HealthDecisions
        do {
            decisions = try HealthDecisionsFile(path: layout.healthDecisionsFile).read()
        } catch {
            throw Unknown(description: "\(error)")
        }
        let node = localNode(layout)
        let tracker = HealthTracker(localNode: node, decisions: decisions)
        let events = tracker.replay(logDirectory: directory)
        let observation = reconcile ? ObservedCluster.fromGlusterCLI() : nil
        if let observation { tracker.change { $0.reconcile(observation, at: now.timeIntervalSince1970, node: node) } }
        return (tracker.report(at: now.timeIntervalSince1970), .log(events: events, gluster: observation))
    }

    /// This node's id, as the engine names it, read without making one (a check writes nothing):
    /// it names the node of a logged event that did not say (see `HealthEvent`).
    private static func localNode(_ layout: StateLayout) -> String {
        if let uuid = NodeIdentity.glusterdUUID(infoFile: layout.glusterdInfoFile) { return uuid }
        let kept = (try? String(contentsOfFile: layout.nodeIDFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return kept.flatMap(UUID.init(uuidString:)).map { $0.uuidString.lowercased() } ?? ""
    }
}
