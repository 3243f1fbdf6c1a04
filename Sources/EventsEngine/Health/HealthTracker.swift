import ClusterHealth
import EventLog
import Foundation
import GlusterEvents
import Synchronization

/// The cluster's health as the engine follows it: the model, fed each batch the log took (on the
/// pipeline's thread) after being rebuilt from the log, read by the dashboard and the publisher.
public final class HealthTracker: Sendable {
    private let model: Mutex<ClusterHealth>
    private let localNode: String

    public init(localNode: String, settings: ClusterHealth.Settings = .init(), decisions: HealthDecisions = .init()) {
        self.localNode = localNode
        model = Mutex(ClusterHealth(settings: settings, decisions: decisions))
    }

    /// Events the log took, in order.
    func record(_ events: [ReceivedEvent]) {
        let converted = events.map {
            HealthEvent(name: $0.name, body: $0.body, receivedAtMillis: $0.receivedAtMillis, node: $0.nodeID.isEmpty ? localNode : $0.nodeID)
        }
        model.withLock { model in converted.forEach { model.apply($0) } }
    }

    /// Reads the whole log in `directory` into the model, oldest first (on start, before any event
    /// arrives); returns how many events were read.
    @discardableResult
    public func replay(logDirectory directory: String) -> Int {
        guard let oldest = EventLogCursor.oldestSequence(in: directory) else { return 0 }
        let cursor = EventLogCursor(directory: directory, from: oldest)
        var count = 0
        while true {
            let batch = cursor.read(limit: 4096, maxBytes: 4 << 20)
            guard !batch.isEmpty else { return count }
            let converted = batch.compactMap { HealthEvent(logged: $0, localNode: localNode) }
            model.withLock { model in converted.forEach { model.apply($0) } }
            count += batch.count
        }
    }

    public func report(at now: Double = Date().timeIntervalSince1970) -> HealthReport {
        model.withLock { $0.report(at: now) }
    }

    /// Changes the model: a decision, reconciliation, pruning.
    public func change<T>(_ body: (inout ClusterHealth) -> T) -> T {
        model.withLock { body(&$0) }
    }
}
