import EventIngest
import EventLog
import Foundation
import GlusterEvents
import Synchronization
import WebhookDelivery

/// Takes batches from the receiver (never blocking it), and on its own thread numbers them into
/// the durable log (flushed to disk every `syncInterval`), then tells delivery how far the log
/// goes — so ingest never waits on the disk or on webhooks.
///
/// `@unchecked Sendable`: `log` is used only by the pipeline thread (and by `init` before it starts);
/// everything else shared is behind a `Mutex` or atomic.
final class EventPipeline: EventSink, @unchecked Sendable {
    private struct Pending: ~Copyable {
        var batches: [[ReceivedEvent]] = []
        var stopping = false
    }

    private let pending = Mutex(Pending())
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let log: EventLogWriter
    private let humanLog: HumanEventsLog
    private let delivery: DeliveryEngine
    private let syncInterval: Double
    private let retentionBytes: Int64
    /// The newest events, for a dashboard.
    let recent: RecentEvents
    /// Config `disable-events-log` off: also write the human-readable events log.
    let humanLogEnabled: Atomic<Bool>
    private let lastSequence: Atomic<UInt64>
    private let problem = Mutex<String?>(nil)

    init(
        log: EventLogWriter, humanLog: HumanEventsLog, humanLogEnabled: Bool, delivery: DeliveryEngine,
        recent: RecentEvents, syncInterval: Double, retentionBytes: Int64
    ) {
        self.recent = recent
        self.syncInterval = syncInterval
        self.retentionBytes = retentionBytes
        self.log = log
        self.humanLog = humanLog
        self.humanLogEnabled = Atomic(humanLogEnabled)
        self.delivery = delivery
        lastSequence = Atomic(log.nextSequence - 1)
    }

    var newestSequence: UInt64 { lastSequence.load(ordering: .relaxed) }
    var currentProblem: String? { problem.withLock { $0 } }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "eventsdash-pipeline"
        thread.start()
    }

    func accept(_ batch: [ReceivedEvent]) {
        let first = pending.withLock { state -> Bool in
            state.batches.append(batch)
            return state.batches.count == 1
        }
        if first { wake.signal() }
    }

    /// Logs and hands on everything already received, then ends the thread.
    func stop() {
        pending.withLock { $0.stopping = true }
        wake.signal()
        stopped.wait()
    }

    private func run() {
        // Reading the socket comes first: if the receiver and this thread share a busy core,
        // the receiver wins and events wait here in memory instead of being dropped by the
        // kernel; this thread catches up after the burst. (On Linux, nice is per thread.)
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        var carried: [ReceivedEvent] = []
        var lastSync = Date().timeIntervalSinceReferenceDate
        var segments = 0  // retention is applied once at start, then whenever a segment fills
        while true {
            if wake.wait(timeout: .now() + HumanEventsLog.flushInterval) == .success {
                // Let a busy receiver hand over a few more reads: one write of many events costs
                // far less than many small ones, and a millisecond is nothing to a webhook.
                usleep(1000)
            }
            let (batches, stopping) = pending.withLock { state in
                defer { state.batches.removeAll(keepingCapacity: true) }
                return (state.batches, state.stopping)
            }
            carried.append(contentsOf: batches.joined())
            carried = write(carried)
            let now = Date().timeIntervalSinceReferenceDate
            if now - lastSync >= syncInterval {
                log.sync()
                lastSync = now
            }
            if log.segmentCount != segments {  // a segment was closed: keep the log within retention
                segments = log.segmentCount
                EventLogRetention.enforce(directory: log.directory, maxBytes: retentionBytes)
            }
            writeHumanLog { try humanLog.flushIfDue(now: now) }
            if stopping { break }
            if !carried.isEmpty {
                // The disk refused the batch: try again shortly, keeping every event meanwhile.
                Thread.sleep(forTimeInterval: 0.5)
                wake.signal()
            }
        }
        writeHumanLog { try humanLog.flush() }
        log.sync()
        stopped.signal()
    }

    /// Runs a human-log write; a failure is reported in status but never stops ingest.
    private func writeHumanLog(_ body: () throws -> Void) {
        do { try body() } catch { problem.withLock { $0 = "\(error)" } }
    }

    /// Appends `events` to the log and queues them for delivery; returns those it could not log.
    private func write(_ events: [ReceivedEvent]) -> [ReceivedEvent] {
        guard !events.isEmpty else { return [] }
        do {
            let first = try log.append(events)!
            lastSequence.store(first + UInt64(events.count) - 1, ordering: .relaxed)
            problem.withLock { $0 = nil }
            recent.append(events, firstSequence: first)
            if humanLogEnabled.load(ordering: .relaxed) {
                writeHumanLog { try humanLog.append(events, firstSequence: first, now: Date().timeIntervalSinceReferenceDate) }
            }
            delivery.logAdvanced(to: first + UInt64(events.count) - 1)
            return []
        } catch {
            problem.withLock { $0 = "\(error) — \(events.count) events held in memory until it can be written" }
            return events
        }
    }
}
