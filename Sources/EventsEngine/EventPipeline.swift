import EventIngest
import EventLog
import Foundation
import GlusterEvents
import Synchronization
import WebhookDelivery

/// Takes batches from the receiver (never blocking it), and on its own thread numbers them into
/// the durable log (flushed to disk every `syncInterval`), writes them to the human-readable
/// events log and the dashboard's ring, then tells delivery how far the log goes — so ingest never
/// waits on the disk or on webhooks. While the log refuses writes (a full disk) events are held in
/// memory, up to a limit, and written again every `retryInterval`.
///
/// `@unchecked Sendable`: `log` is used only by the pipeline thread (and by `init` before it starts);
/// everything else shared is behind a `Mutex` or atomic.
final class EventPipeline: EventSink, @unchecked Sendable {
    private struct Pending: ~Copyable {
        var batches: [[ReceivedEvent]] = []
        /// What `batches` hold, roughly (`ReceivedEvent.memoryBytes`).
        var bytes = 0
        var stopping = false
    }

    private let pending = Mutex(Pending())
    /// Signalled when the pipeline thread takes the pending batches (room for more).
    private let roomFreed = NSCondition()
    /// The most event bytes waiting for the pipeline thread: past it, the receiver waits (and the
    /// kernel's socket buffer holds what arrives meanwhile; what overflows it is counted as kernel
    /// drops), so a slow disk cannot make the queue grow without bound.
    private let queueLimitBytes: Int
    private let queueFullWaits = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let log: any DurableLog
    private let humanLog: HumanEventsLog
    /// Told the newest sequence logged (delivery's `logAdvanced`), after each write.
    private let logAdvanced: @Sendable (UInt64) -> Void
    private let nodes: Nodes
    /// Logged events by type, for `/metrics`.
    let eventTypes = EventTypeCounts()
    private let syncInterval: Double
    private let retryInterval: Double
    /// The most event bytes held in memory while the log cannot be written; newer events beyond it
    /// are dropped and counted, so a long outage of the disk cannot exhaust memory.
    private let holdLimitBytes: Int
    /// The newest events, for a dashboard.
    let recent: RecentEvents
    /// Config `disable-events-log` off: also write the human-readable events log.
    let humanLogEnabled: Atomic<Bool>
    private let lastSequence: Atomic<UInt64>
    private let problem = Mutex<String?>(nil)
    private let unloggedDrops = Atomic<Int>(0)

    init(
        log: any DurableLog, humanLog: HumanEventsLog, humanLogEnabled: Bool, recent: RecentEvents, nodes: Nodes,
        syncInterval: Double, retryInterval: Double = 0.5, holdLimitBytes: Int, queueLimitBytes: Int,
        logAdvanced: @escaping @Sendable (UInt64) -> Void
    ) {
        self.queueLimitBytes = queueLimitBytes
        self.recent = recent
        self.nodes = nodes
        self.syncInterval = syncInterval
        self.retryInterval = retryInterval
        self.holdLimitBytes = holdLimitBytes
        self.log = log
        self.humanLog = humanLog
        self.humanLogEnabled = Atomic(humanLogEnabled)
        self.logAdvanced = logAdvanced
        lastSequence = Atomic(log.nextSequence - 1)
    }

    var newestSequence: UInt64 { lastSequence.load(ordering: .relaxed) }
    var currentProblem: String? { problem.withLock { $0 } }
    /// Events dropped because the log could not be written and the hold limit was reached.
    var droppedUnlogged: Int { unloggedDrops.load(ordering: .relaxed) }
    /// How often the receiver had to wait because the queue held its limit.
    var queueFullCount: Int { queueFullWaits.load(ordering: .relaxed) }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "eventsdash-pipeline"
        thread.start()
    }

    /// Queues `batch` for the log; waits while the queue is over its limit.
    func accept(_ batch: [ReceivedEvent]) {
        let bytes = batch.reduce(0) { $0 + $1.memoryBytes }
        let (first, full) = pending.withLock { state -> (Bool, Bool) in
            state.batches.append(batch)
            state.bytes += bytes
            return (state.batches.count == 1, state.bytes > queueLimitBytes)
        }
        if first { wake.signal() }
        if full { waitForRoom() }
    }

    private func waitForRoom() {
        queueFullWaits.add(1, ordering: .relaxed)
        roomFreed.lock()
        defer { roomFreed.unlock() }
        while pending.withLock({ $0.bytes > queueLimitBytes && !$0.stopping }) {
            _ = roomFreed.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
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
        var carried = HeldEvents()
        var lastSync = Date().timeIntervalSinceReferenceDate
        while true {
            if wake.wait(timeout: .now() + HumanEventsLog.flushInterval) == .success {
                // Let a busy receiver hand over a few more reads: one write of many events costs
                // far less than many small ones, and a millisecond is nothing to a webhook.
                usleep(1000)
            }
            let (batches, stopping) = pending.withLock { state in
                defer {
                    state.batches.removeAll(keepingCapacity: true)
                    state.bytes = 0
                }
                return (state.batches, state.stopping)
            }
            roomFreed.broadcast()
            // While the log takes writes, batches go straight to it; only when it refuses them
            // are events held, and counted against the limit.
            let failure: (any Error)?
            if carried.events.isEmpty {
                let received = Array(batches.joined())
                failure = write(received)
                if failure != nil { carried.append(received, limitBytes: holdLimitBytes) }
            } else {
                for batch in batches { carried.append(batch, limitBytes: holdLimitBytes) }
                failure = write(carried.events)
                if failure == nil { carried.removeAll() }
            }
            unloggedDrops.add(carried.takeDropped(), ordering: .relaxed)
            if let failure { problem.withLock { $0 = describe(failure, holding: carried.events.count) } }
            let now = Date().timeIntervalSinceReferenceDate
            if now - lastSync >= syncInterval {
                log.sync()
                lastSync = now
            }
            writeHumanLog { try humanLog.flushIfDue(now: now) }
            if stopping { break }
            if !carried.events.isEmpty {
                // The disk refused the batch: try again shortly, keeping every event meanwhile.
                Thread.sleep(forTimeInterval: retryInterval)
                wake.signal()
            }
        }
        unloggedDrops.add(carried.events.count, ordering: .relaxed)  // stopping while the log refuses them
        writeHumanLog { try humanLog.flush() }
        log.sync()
        stopped.signal()
    }

    /// Runs a human-log write; a failure is reported in status but never stops ingest.
    private func writeHumanLog(_ body: () throws -> Void) {
        do { try body() } catch { problem.withLock { $0 = "\(error)" } }
    }

    /// Appends `events` to the log and queues them for delivery; the error when the log refused them.
    private func write(_ events: [ReceivedEvent]) -> (any Error)? {
        guard !events.isEmpty else { return nil }
        do {
            let first = try log.append(events)!
            lastSequence.store(first + UInt64(events.count) - 1, ordering: .relaxed)
            problem.withLock { $0 = nil }
            recent.append(events, firstSequence: first)
            nodes.record(events)
            eventTypes.record(events)
            if humanLogEnabled.load(ordering: .relaxed) {
                writeHumanLog { try humanLog.append(events, firstSequence: first, now: Date().timeIntervalSinceReferenceDate) }
            }
            logAdvanced(first + UInt64(events.count) - 1)
            return nil
        } catch {
            return error
        }
    }

    private func describe(_ failure: any Error, holding count: Int) -> String {
        var text = "\(failure)\(StatusChanges.figuresSeparator)\(count) events held in memory until it can be written"
        let dropped = droppedUnlogged
        if dropped > 0 { text += "; \(dropped) newer events dropped (memory hold limit reached)" }
        return text
    }
}

/// Events waiting for the log to accept them, oldest first, up to a limit in bytes: the oldest are
/// kept (they come first in the log), newer ones beyond the limit are counted as dropped.
private struct HeldEvents {
    private(set) var events: [ReceivedEvent] = []
    private var bytes = 0
    private var dropped = 0

    mutating func append(_ batch: [ReceivedEvent], limitBytes: Int) {
        for event in batch {
            let size = event.memoryBytes
            if bytes + size > limitBytes && !events.isEmpty {
                dropped += 1
            } else {
                events.append(event)
                bytes += size
            }
        }
    }

    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        bytes = 0
    }

    /// How many were dropped since the last call.
    mutating func takeDropped() -> Int {
        defer { dropped = 0 }
        return dropped
    }
}
