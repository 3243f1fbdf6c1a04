import Foundation
import Synchronization

/// The events older than the dashboard's ring holds, read back from the durable log a window at a
/// time: what scrolling back and jumping to a time reach, as far as retention has kept. One window
/// of consecutive events is held (bounded in count and bytes, large bodies abridged as in the
/// ring); a read outside it moves the window there.
public final class EventLogHistory: Sendable {
    public let directory: String
    private let windowCount: Int
    private let windowBytes: Int
    private let window: Mutex<RecentEvents>

    public init(directory: String, windowCount: Int = 4096, windowBytes: Int = 8 << 20) {
        self.directory = directory
        self.windowCount = max(1, windowCount)
        self.windowBytes = max(1, windowBytes)
        window = Mutex(RecentEvents(capacity: 0, maxBytes: 0))
    }

    /// The oldest sequence the log still has (its oldest segment's first), nil for an empty log.
    public var oldestSequence: UInt64? { EventLogSegments.list(in: directory).first.flatMap(EventLogSegments.firstSequence(of:)) }

    /// Up to `count` logged events from `first` on, oldest first: from the window held, or from a
    /// window read around `first` (the events before the log's oldest are gone: none for them).
    public func entries(from first: UInt64, count: Int) -> [RecentEvents.Entry] {
        guard count > 0 else { return [] }
        return window.withLock { window in
            if window.sequences?.contains(first) == true {
                let entries = window.entries(from: first, count: count)
                if entries.count == count { return entries }
            }
            window = read(around: first, count: count)
            return window.entries(from: max(first, window.sequences?.lowerBound ?? first), count: count)
        }
    }

    /// A window of events with `first`…`first + count` in it, starting a little before.
    private func read(around first: UInt64, count: Int) -> RecentEvents {
        let span = max(windowCount, count)
        let window = RecentEvents(capacity: span, maxBytes: windowBytes)
        let before = UInt64(max(0, (span - count) / 2))
        let start = first > before ? first - before : 1
        let cursor = EventLogCursor(directory: directory, from: start)
        var read = 0
        while read < span, case let events = cursor.read(limit: min(4096, span - read), maxBytes: RecentEvents.readBackBytes),
            !events.isEmpty
        {
            window.load(events)
            read += events.count
        }
        return window
    }

    /// The first event received at or after `millis` (Unix milliseconds): the log is in the order
    /// events arrived, so the segment is found by its first event's time, then read to it. Nil
    /// when every logged event is older.
    public func firstSequence(receivedAtOrAfter millis: Int64) -> UInt64? {
        let segments = EventLogSegments.list(in: directory).compactMap(EventLogSegments.firstSequence(of:))
        guard !segments.isEmpty else { return nil }
        func firstReceived(_ sequence: UInt64) -> Int64? {
            EventLogCursor(directory: directory, from: sequence).read(limit: 1).first?.receivedAtMillis
        }
        // The last segment that starts at or before `millis` (binary search; arrival order).
        var (low, high) = (0, segments.count - 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if (firstReceived(segments[middle]) ?? .max) <= millis { low = middle } else { high = middle - 1 }
        }
        let cursor = EventLogCursor(directory: directory, from: segments[low])
        while case let events = cursor.read(limit: 4096, maxBytes: RecentEvents.readBackBytes), !events.isEmpty {
            if let found = events.first(where: { $0.receivedAtMillis >= millis }) { return found.sequence }
        }
        return nil
    }
}
