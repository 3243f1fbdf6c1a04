import EventIngest
import EventLog
import Foundation
import GlusterEvents
import Synchronization
import WebhookDelivery

/// Takes batches from the receiver (never blocking it), and on its own thread numbers them into
/// the durable log and hands them to delivery — so ingest never waits on the disk or on webhooks.
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
    private let delivery: SimpleDelivery
    /// The newest events, for a dashboard.
    let recent: RecentEvents
    /// Config `disable-events-log` off: also write the human-readable events log.
    let humanLogEnabled: Atomic<Bool>
    private let lastSequence: Atomic<UInt64>
    private let problem = Mutex<String?>(nil)

    init(
        log: EventLogWriter, humanLog: HumanEventsLog, humanLogEnabled: Bool, delivery: SimpleDelivery,
        recent: RecentEvents
    ) {
        self.recent = recent
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
            writeHumanLog { try humanLog.flushIfDue(now: Date().timeIntervalSinceReferenceDate) }
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
            if delivery.hasWebhooks {
                delivery.deliver(
                    events.enumerated().map { offset, event in
                        DeliveryItem(
                            sequence: first + UInt64(offset), eventName: event.name, eventTimestamp: event.timestamp,
                            body: event.body)
                    })
            }
            return []
        } catch {
            problem.withLock { $0 = "\(error) — \(events.count) events held in memory until it can be written" }
            return events
        }
    }
}
