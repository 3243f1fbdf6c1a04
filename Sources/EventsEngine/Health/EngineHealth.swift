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
    /// Why the decisions file could not be read (too big, malformed), nil once it can: its mutes
    /// then do not apply, which pages rather than hides; the engine's problem line says so.
    private let decisionsError = Mutex<String?>(nil)
    private let reportFile: String
    private let samplesFile: String
    /// The samples last written to `samplesFile`.
    private let savedSamples = Mutex<SampleBook?>(nil)
    private let history: HealthHistoryFile
    /// Whether the problems resolved while the log was read again on start have been dropped
    /// (they were written to the history when they happened).
    private let historyStarted = Atomic<Bool>(false)
    /// What was last written to `reportFile` (and told to the operator log), the model's version it
    /// was made of and when time alone may change it, and when the model was last pruned.
    private let published = Mutex<Published>(Published())

    private struct Published {
        var report = HealthReport.empty
        var text = ""
        var version = -1
        /// The report holds for `computedAt ..< due` (at the same version).
        var computedAt = 0.0
        var due = 0.0
        var prunedAt = 0.0
    }
    private let logger: Logger
    private let pollQueue = DispatchQueue(label: "eventsdash-cluster-poll")
    private let polling: RepeatingTimer
    private let observe: (@Sendable () -> ClusterObservation)?
    /// The per-volume polls (`heal info summary` is slow on a big backlog): on a queue of their own,
    /// so the cluster poll never waits for them.
    private let healPolling = RepeatingTimer(queue: DispatchQueue(label: "eventsdash-heal-poll"))
    private let observeDetails: (@Sendable (VolumeDetails.Request) -> VolumeDetails)?
    private let healPollInterval: Double
    private let localNode: String
    private let pollInterval: Double
    /// When the last poll started, and the topology events the model had read then.
    private let lastPoll = Mutex<(startedAt: Double, topologyEvents: Int)>((0, 0))

    static let pruneInterval = 60.0
    /// How long after an event that changes volumes, bricks or peers gluster is polled (events
    /// come in bursts: a volume start sends a dozen).
    static let pollDebounce = 2.0

    /// `observe`: what the gluster CLI sees now, asked every `pollInterval` seconds (nil: never
    /// asked); `observeDetails`: a volume's heal counts, last rebalance and quota limits, asked
    /// every `healPollInterval` seconds for each started volume they apply to.
    init(
        layout: StateLayout, localNode: String, settings: ClusterHealth.Settings = .init(),
        observe: (@Sendable () -> ClusterObservation)?, pollInterval: Double = 60,
        observeDetails: (@Sendable (VolumeDetails.Request) -> VolumeDetails)? = nil, healPollInterval: Double = 120,
        logger: Logger = OperatorLog.silent
    ) {
        self.logger = logger
        self.pollInterval = pollInterval
        self.observeDetails = observeDetails
        self.healPollInterval = healPollInterval
        polling = RepeatingTimer(queue: pollQueue)
        decisionsFile = HealthDecisionsFile(path: layout.healthDecisionsFile)
        decisionsWatcher = FileWatcher(path: layout.healthDecisionsFile)
        reportFile = layout.healthFile
        samplesFile = layout.healthSamplesFile
        history = HealthHistoryFile(path: layout.healthHistoryFile)
        self.observe = observe
        self.localNode = localNode
        let decisions = Self.read(decisionsFile, into: decisionsError) ?? HealthDecisions()
        tracker = HealthTracker(localNode: localNode, settings: settings, decisions: decisions)
        if let text = try? String(contentsOfFile: layout.healthSamplesFile, encoding: .utf8), text.utf8.count <= 16 << 20,
            let json = try? JSONValue.parse(text)
        {
            tracker.change { $0.loadSamples(json) }
        }
        follower = HealthFollower(tracker: tracker, logDirectory: layout.eventLogDirectory)
    }

    /// Reads the log (the whole of it first), seeds the state from the gluster CLI, then polls
    /// it every `pollInterval`.
    func start() {
        follower.start(whenRebuilt: { [self] in housekeep() })  // published at once, not at the next second
        guard observe != nil else { return }
        polling.start(every: pollInterval, leeway: .seconds(1)) { [self] in poll() }
        guard let observeDetails else { return }
        // after the first cluster poll has said which volumes there are
        healPolling.start(after: min(5, healPollInterval), every: healPollInterval, leeway: .seconds(1)) { [self] in
            for request in tracker.read(\.detailsToPoll) {
                let details = observeDetails(request)
                tracker.change { $0.reconcile(details, for: request, at: Date().timeIntervalSince1970) }
            }
            saveSamples()
        }
    }

    /// Asks gluster and corrects the model with its answer (on the poll queue).
    private func poll() {
        guard let observe else { return }
        let topologyEvents = tracker.read(\.topologyEvents)
        lastPoll.withLock { $0 = (Date().timeIntervalSince1970, topologyEvents) }
        let observation = observe()
        tracker.change { $0.reconcile(observation, at: Date().timeIntervalSince1970, node: localNode) }
        saveSamples()
    }

    /// Writes the samples to forecast from when they changed (after a poll, on its queue).
    private func saveSamples() {
        let samples = tracker.read(\.samples)
        let changed = savedSamples.withLock { saved in
            defer { saved = samples }
            return saved != samples
        }
        guard changed else { return }
        try? AtomicFile.write(Data(samples.json.encoded().utf8), to: samplesFile)
    }

    /// Polls again `pollDebounce` seconds after the last of a run of events that change volumes,
    /// bricks or peers, unless a poll started since.
    private func pollAfterTopologyEvents(now: Double) {
        let (events, lastEventAt) = tracker.read { ($0.topologyEvents, $0.lastTopologyEventAt) }
        let due = lastPoll.withLock { last in
            guard events != last.topologyEvents, let lastEventAt, now - lastEventAt >= Self.pollDebounce else { return false }
            last = (now, events)  // one poll per run of events
            return true
        }
        if due { pollQueue.async { [self] in poll() } }
    }

    /// The log took events up to `sequence`.
    func logAdvanced(to sequence: UInt64) { follower.logAdvanced(to: sequence) }

    /// Whether the state is rebuilt from the whole log (till then nothing is published).
    var hasRebuilt: Bool { follower.hasRebuilt }

    func stop() {
        polling.stop()
        healPolling.stop()
        follower.stop()
    }

    /// Once a second: takes up decisions made elsewhere, prunes now and then, publishes the report
    /// (once the state is rebuilt: a command reading it before then rebuilds its own) and returns
    /// it (nil till then).
    @discardableResult
    func housekeep(now: Double = Date().timeIntervalSince1970) -> HealthReport? {
        guard follower.hasRebuilt else { return nil }
        let resolved = tracker.takeResolved()
        if historyStarted.exchange(true, ordering: .relaxed) { history.append(resolved) }
        if observe != nil { pollAfterTopologyEvents(now: now) }
        if decisionsWatcher.changed(), let decisions = Self.read(decisionsFile, into: decisionsError) {
            tracker.change { $0.adopt(decisions) }
        }
        let prune = published.withLock { now - $0.prunedAt >= Self.pruneInterval }
        if prune {
            tracker.change { $0.prune(at: now) }
            published.withLock { $0.prunedAt = now }
        }
        return refresh(at: now)
    }

    /// Why the decisions file is not used (nil while it is).
    var decisionsProblem: String? {
        decisionsError.withLock { $0.map { "\($0): mutes and acknowledgements in it do not apply" } }
    }

    /// The file's decisions, or nil with the reason kept in `problem`.
    private static func read(_ file: HealthDecisionsFile, into problem: borrowing Mutex<String?>) -> HealthDecisions? {
        do {
            let decisions = try file.read()
            problem.withLock { $0 = nil }
            return decisions
        } catch {
            problem.withLock { $0 = "\(error)" }
            return nil
        }
    }

    /// The report as last worked out (by housekeeping, or a decision), without working it out:
    /// what the dashboard, status and `/metrics` read, however often.
    var latest: HealthReport { published.withLock(\.report) }

    /// Works the report out again when the model changed, or when time alone may have changed it
    /// (a problem done settling, a mute ending, flapping fading: `nextTimedChange`), else keeps
    /// the last one: a table of thousands of problems costs nothing while nothing happens. Writes
    /// `health.json` and tells the operator log when the report changed.
    @discardableResult
    private func refresh(at now: Double, force: Bool = false) -> HealthReport {
        let version = tracker.version
        if !force, let kept = published.withLock({ $0.version == version && ($0.computedAt..<$0.due).contains(now) ? $0.report : nil }) {
            return kept
        }
        let (report, due) = tracker.read { ($0.report(at: now), $0.nextTimedChange(after: now)) }
        let text = report.json.encoded()
        let previous = published.withLock { published in
            defer { (published.report, published.text, published.version, published.computedAt, published.due) = (report, text, version, now, due) }
            return published
        }
        guard previous.text != text else { return report }
        try? AtomicFile.write(Data(text.utf8), to: reportFile)
        logger.log(HealthChanges.between(previous.report, report))
        return report
    }

    /// Records a person's decision in the file (so that it lasts and other processes see it) and
    /// applies it, published at once.
    func decide(_ decision: HealthDecision, at now: Double = Date().timeIntervalSince1970) throws {
        try decisionsFile.record(decision, at: now)
        tracker.change { $0.decide(decision, at: now) }
        if follower.hasRebuilt { refresh(at: now, force: true) }
    }
}
