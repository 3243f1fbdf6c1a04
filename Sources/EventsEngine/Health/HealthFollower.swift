import EventLog
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Follows the event log into the health model on a thread of its own, at idle priority: the
/// whole log first (the state rebuilt on start: a million events in under two seconds), then each
/// batch as the log takes it. Ingest never waits for it; in a flood it falls behind, without
/// taking the receivers' time, and catches up after (the log holds what it has not read yet).
final class HealthFollower: Sendable {
    private let tracker: HealthTracker
    private let directory: String
    private let wake = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(true)
    private let finished = DispatchSemaphore(value: 0)
    /// Whether it has read the whole log once (the state is rebuilt).
    private let rebuilt = Atomic<Bool>(false)

    /// Linux's SCHED_IDLE (<linux/sched.h>; Glibc's module does not export it).
    private static let schedIdle: Int32 = 5

    init(tracker: HealthTracker, logDirectory: String) {
        self.tracker = tracker
        directory = logDirectory
    }

    var hasRebuilt: Bool { rebuilt.load(ordering: .acquiring) }

    /// `whenRebuilt` runs once, on its thread, when it has read the whole log the first time.
    func start(whenRebuilt: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            // SCHED_IDLE: only on a core nothing else wants, so that a flood of datagrams (when a
            // lower nice value still took a quarter of the pipeline's core) loses nothing to it.
            var idle = sched_param()
            _ = sched_setscheduler(0, Self.schedIdle, &idle)
            follow(EventLogCursor(directory: directory, from: 1), whenRebuilt: whenRebuilt)
            finished.signal()
        }
        thread.name = "eventsdash-health"
        thread.start()
    }

    /// The log took events up to `sequence`.
    func logAdvanced(to sequence: UInt64) { wake.signal() }

    /// Stops following: at once between two events, or, when the machine is so busy that its idle
    /// thread does not run, after `stopWait` without it (what it had not applied is in the log, and
    /// the next start replays the log).
    func stop() {
        running.store(false, ordering: .relaxed)
        wake.signal()
        _ = finished.wait(timeout: .now() + Self.stopWait)
    }

    static let stopWait = 2.0

    private func follow(_ cursor: EventLogCursor, whenRebuilt: () -> Void) {
        let proceeding = { self.running.load(ordering: .relaxed) }
        while proceeding() {
            if tracker.applyNext(from: cursor, while: proceeding) > 0 { continue }
            if !hasRebuilt {
                rebuilt.store(true, ordering: .releasing)
                whenRebuilt()
            }
            _ = wake.wait(timeout: .now() + 1)
        }
    }
}
