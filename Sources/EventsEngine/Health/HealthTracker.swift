import ClusterHealth
import EventLog
import Foundation
import GlusterEvents
import Synchronization

/// The cluster's health as the engine follows it: the model, fed the log's events in order (by
/// `HealthFollower` in the engine, by `replay` in a command), read by the dashboard and the
/// publisher.
public final class HealthTracker: Sendable {
    private let model: Mutex<ClusterHealth>
    private let localNode: String
    /// Rises with every change of the model (a report made at the same version and time is the same).
    private let changes = Atomic<Int>(0)

    public init(localNode: String, settings: ClusterHealth.Settings = .init(), decisions: HealthDecisions = .init()) {
        self.localNode = localNode
        model = Mutex(ClusterHealth(settings: settings, decisions: decisions))
    }

    /// Logged events, in order (their bodies are read outside the lock), for as long as
    /// `proceeding` says so: a stop need not wait for the rest of a batch.
    func apply(_ batch: [LoggedEvent], while proceeding: () -> Bool = { true }) {
        var converted: [HealthEvent] = []
        converted.reserveCapacity(batch.count)
        for event in batch {
            guard proceeding() else { break }
            if let health = HealthEvent(logged: event, localNode: localNode) { converted.append(health) }
        }
        guard !converted.isEmpty else { return }
        model.withLock { model in converted.forEach { model.apply($0) } }
        changes.add(1, ordering: .releasing)
    }

    /// A batch of the log from `cursor`: at most 4096 events, 4 MiB (see `apply` for `proceeding`).
    func applyNext(from cursor: EventLogCursor, while proceeding: () -> Bool = { true }) -> Int {
        let batch = cursor.read(limit: 4096, maxBytes: 4 << 20)
        apply(batch, while: proceeding)
        return batch.count
    }

    /// Reads the whole log in `directory` into the model, oldest first; returns how many events
    /// were read.
    @discardableResult
    public func replay(logDirectory directory: String) -> Int {
        let cursor = EventLogCursor(directory: directory, from: 1)
        var count = 0
        while case let read = applyNext(from: cursor), read > 0 { count += read }
        return count
    }

    public func report(at now: Double = Date().timeIntervalSince1970) -> HealthReport {
        model.withLock { $0.report(at: now) }
    }

    /// Changes the model: a decision, reconciliation, pruning.
    public func change<T>(_ body: (inout ClusterHealth) -> T) -> T {
        defer { changes.add(1, ordering: .releasing) }
        return model.withLock { body(&$0) }
    }

    /// Takes what the model kept for others (the problems resolved), changing nothing a report shows.
    public func takeResolved() -> [ResolvedProblem] {
        model.withLock { $0.takeResolved() }
    }

    /// Reads the model, changing nothing.
    public func read<T>(_ body: (ClusterHealth) -> T) -> T {
        model.withLock { body($0) }
    }

    /// The model's version: it rises with every change.
    public var version: Int { changes.load(ordering: .acquiring) }
}
