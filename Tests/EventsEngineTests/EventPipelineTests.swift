import EventLog
import Foundation
import GlusterEvents
import GlusterHost
import Synchronization
import Testing
import TestSupport

@testable import EventsEngine

#if canImport(Glibc)
    import Glibc
#endif

/// The durable log, refusing writes while a test says the disk is full (as `write` does then).
final class RefusingLog: DurableLog, @unchecked Sendable {  // used by the pipeline thread only, after init
    private let writer: EventLogWriter
    let refusing = Atomic<Bool>(false)

    init(directory: String) throws { writer = try EventLogWriter(directory: directory) }

    var nextSequence: UInt64 { writer.nextSequence }
    func sync() { writer.sync() }

    func append(_ events: [ReceivedEvent]) throws(FileSystemError) -> UInt64? {
        if refusing.load(ordering: .relaxed) { throw FileSystemError("append to event log in", path: writer.directory, code: ENOSPC) }
        return try writer.append(events)
    }
}

/// What delivery was told.
final class Told: Sendable {
    let sequences = Mutex<[UInt64]>([])
}

/// Events in → the durable log, the human-readable events log, the dashboard's ring and delivery,
/// in order; held in memory while the disk refuses them. No sockets: the pipeline is fed directly.
@Suite struct EventPipelineTests {
    let temporary = TemporaryDirectory()
    let log: RefusingLog
    let recent = RecentEvents()
    /// Every sequence delivery was told, in order.
    let advanced = Told()

    init() throws { log = try RefusingLog(directory: temporary.file("log")) }

    private func pipeline(humanLog: Bool = true, holdLimitBytes: Int = 1 << 20, queueLimitBytes: Int = 1 << 20) -> EventPipeline {
        let pipeline = EventPipeline(
            log: log, humanLog: HumanEventsLog(path: temporary.file("events.log")), humanLogEnabled: humanLog, recent: recent,
            nodes: Nodes(localNode: "local"), syncInterval: 0.1, retryInterval: 0.01, holdLimitBytes: holdLimitBytes,
            queueLimitBytes: queueLimitBytes, logAdvanced: { [advanced] sequence in advanced.sequences.withLock { $0.append(sequence) } })
        pipeline.start()
        return pipeline
    }

    private func events(_ names: ClosedRange<Int>) -> [ReceivedEvent] {
        names.map { n in
            ReceivedEvent(
                name: "VOLUME_CREATE", timestamp: 1, body: #"{"event": "VOLUME_CREATE", "message": {"name": "v\#(n)"}, "nodeid": "n", "ts": 1}"#,
                source: "127.0.0.1:1", receivedAtMillis: 1_700_000_000_000)
        }
    }

    private func logged() -> [String] {
        EventLogCursor(directory: temporary.file("log"), from: 1).read(limit: 1000, maxBytes: 1 << 20).map(\.body)
    }

    private var newestAdvanced: UInt64? { advanced.sequences.withLock { $0.last } }

    @Test func eventsReachTheLogTheHumanLogTheRingAndDeliveryInOrder() throws {
        let pipeline = pipeline()
        pipeline.accept(events(1...3))
        pipeline.accept(events(4...5))
        #expect(waitFor(timeout: 2) { newestAdvanced == 5 })
        pipeline.stop()
        let expected = events(1...5).map(\.body)
        #expect(logged() == expected)
        let lines = try #require(temporary.read("events.log")).split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.enumerated().allSatisfy { n, line in line.hasSuffix("] INFO [eventsdash] - #\(n + 1) \(expected[n])") })
        #expect(recent.newest(10).map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(advanced.sequences.withLock { $0 } == advanced.sequences.withLock { $0 }.sorted())  // never backwards
        #expect(pipeline.newestSequence == 5 && pipeline.currentProblem == nil)
    }

    @Test func theHumanLogIsLeftAloneWhenDisabled() {
        let pipeline = pipeline(humanLog: false)
        pipeline.accept(events(1...2))
        #expect(waitFor(timeout: 2) { newestAdvanced == 2 })
        pipeline.stop()
        #expect(logged().count == 2)
        #expect(temporary.read("events.log") == nil)
    }

    @Test func eventsTheDiskRefusesAreHeldThenWrittenInOrder() {
        let pipeline = pipeline()
        log.refusing.store(true, ordering: .relaxed)
        pipeline.accept(events(1...2))
        #expect(waitFor(timeout: 2) { pipeline.currentProblem?.contains("No space left on device") == true })
        pipeline.accept(events(3...4))
        #expect(waitFor(timeout: 2) { pipeline.currentProblem?.contains("4 events held in memory") == true })
        #expect(newestAdvanced == nil)  // nothing logged, nothing for delivery
        log.refusing.store(false, ordering: .relaxed)
        #expect(waitFor(timeout: 2) { newestAdvanced == 4 })
        pipeline.stop()
        #expect(logged() == events(1...4).map(\.body))
        #expect(pipeline.currentProblem == nil && pipeline.droppedUnlogged == 0)
    }

    @Test func pastTheHoldLimitTheNewestAreDroppedAndCounted() {
        let one = events(1...1)[0].memoryBytes
        let pipeline = pipeline(holdLimitBytes: 2 * one)
        log.refusing.store(true, ordering: .relaxed)
        pipeline.accept(events(1...5))
        #expect(waitFor(timeout: 2) { pipeline.droppedUnlogged == 3 })
        #expect(pipeline.currentProblem?.contains("3 newer events dropped (memory hold limit reached)") == true)
        log.refusing.store(false, ordering: .relaxed)
        #expect(waitFor(timeout: 2) { newestAdvanced == 2 })
        pipeline.stop()
        #expect(logged() == events(1...2).map(\.body))  // the oldest are kept
    }

    @Test func aFullQueueMakesTheReceiverWaitAndIsCounted() {
        let pipeline = pipeline(queueLimitBytes: 1)
        pipeline.accept(events(1...3))  // over the limit: returns once the pipeline took it
        #expect(pipeline.queueFullCount == 1)
        #expect(waitFor(timeout: 2) { newestAdvanced == 3 })
        pipeline.stop()
    }
}
