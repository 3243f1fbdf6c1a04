import ClusterHealth
import Dispatch
import Foundation
import Logging
import GlusterEvents
import GlusterHost
import Synchronization

/// The engine's part in the cluster's health: the tracker, following the log (`HealthFollower`); the
/// decisions file, taken up when another process changes it; `health.json`, published for the
/// commands and attached dashboards; pruning; and reconciliation with what the gluster CLI sees,
/// once a minute on a queue of its own (the CLI may take seconds).
final class EngineHealth: Sendable {
    let tracker: HealthTracker
    private let follower: HealthFollower
    private let decisionsFile: HealthDecisionsFile
    private let decisionsWatcher: FileWatcher
    private let reportFile: String
    /// What was last written to `reportFile` (and told to the operator log), and when the model
    /// was last pruned.
    private let published = Mutex<(report: HealthReport, text: String, prunedAt: Double)>((.empty, "", 0))
    private let logger: Logger
    private let reconciliation = RepeatingTimer(queue: DispatchQueue(label: "eventsdash-health-reconciliation"))
    private let observe: @Sendable () -> ObservedCluster?

    private let reconcileInterval: Double

    static let pruneInterval = 60.0

    /// `observe`: what the gluster CLI sees now (nil where there is none), asked every
    /// `reconcileInterval` seconds.
    init(
        layout: StateLayout, localNode: String, observe: @escaping @Sendable () -> ObservedCluster?, reconcileInterval: Double = 60,
        logger: Logger = OperatorLog.silent
    ) {
        self.logger = logger
        self.reconcileInterval = reconcileInterval
        decisionsFile = HealthDecisionsFile(path: layout.healthDecisionsFile)
        decisionsWatcher = FileWatcher(path: layout.healthDecisionsFile)
        reportFile = layout.healthFile
        self.observe = observe
        let decisions = (try? decisionsFile.read()) ?? HealthDecisions()
        tracker = HealthTracker(localNode: localNode, decisions: decisions)
        follower = HealthFollower(tracker: tracker, logDirectory: layout.eventLogDirectory)
    }

    /// Reads the log (the whole of it first), seeds the state from the gluster CLI, then
    /// reconciles every `reconcileInterval`.
    func start() {
        follower.start(whenRebuilt: { [self] in housekeep() })  // published at once, not at the next second
        reconciliation.start(every: reconcileInterval, leeway: .seconds(1)) { [self] in
            guard let observed = observe() else { return }
            tracker.change { $0.reconcile(observed, at: Date().timeIntervalSince1970) }
        }
    }

    /// The log took events up to `sequence`.
    func logAdvanced(to sequence: UInt64) { follower.logAdvanced(to: sequence) }

    /// Whether the state is rebuilt from the whole log (till then nothing is published).
    var hasRebuilt: Bool { follower.hasRebuilt }

    func stop() {
        reconciliation.stop()
        follower.stop()
    }

    /// Once a second: takes up decisions made elsewhere, prunes now and then, publishes the report
    /// (once the state is rebuilt: a command reading it before then rebuilds its own) and returns
    /// it (nil till then).
    @discardableResult
    func housekeep(now: Double = Date().timeIntervalSince1970) -> HealthReport? {
        guard follower.hasRebuilt else { return nil }
        if decisionsWatcher.changed(), let decisions = try? decisionsFile.read() {
            tracker.change { $0.adopt(decisions) }
        }
        let prune = published.withLock { now - $0.prunedAt >= Self.pruneInterval }
        if prune { tracker.change { $0.prune(at: now) } }
        let report = tracker.report(at: now)
        let text = report.json.encoded()
        let previous = published.withLock { published in
            if prune { published.prunedAt = now }
            defer { (published.report, published.text) = (report, text) }
            return published
        }
        guard previous.text != text else { return report }
        try? AtomicFile.write(Data(text.utf8), to: reportFile)
        logger.log(HealthChanges.between(previous.report, report))
        return report
    }

    /// Records a person's decision in the file (so that it lasts and other processes see it) and
    /// applies it (published with the next housekeeping).
    func decide(_ decision: HealthDecision, at now: Double = Date().timeIntervalSince1970) throws {
        try decisionsFile.record(decision, at: now)
        tracker.change { $0.decide(decision, at: now) }
    }
}
