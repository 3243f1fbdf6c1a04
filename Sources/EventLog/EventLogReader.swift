import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// A place in the durable log: a segment and a byte offset in it where a line starts.
public struct EventLogPosition: Sendable, Equatable {
    public var path: String
    public var offset: Int
}

/// Reads the durable log's last events (`EventLogCursor` reads forward from any sequence).
public struct EventLogReader: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The logged event `sequence`, or nil when the log does not have it (never logged, or deleted
    /// by retention).
    public func event(_ sequence: UInt64) -> LoggedEvent? {
        EventLogCursor(directory: directory, from: sequence).read(limit: 1).first.flatMap { $0.sequence == sequence ? $0 : nil }
    }

    /// The last `count` logged events, oldest first (all of them in memory: for a few).
    public func last(_ count: Int) -> [LoggedEvent] {
        guard count > 0, let start = start(ofLast: count) else { return [] }
        return EventLogCursor(directory: directory, at: start).read(limit: count)
    }

    /// Where the last `count` complete lines of the log start (nil for an empty log): found reading
    /// backwards only as far as they go, one chunk in memory, so that a cursor from there streams
    /// them (`tail -n 100000` of 390 KB events).
    public func start(ofLast count: Int) -> EventLogPosition? {
        var remaining = count
        var oldest: EventLogPosition?
        for path in EventLogSegments.list(in: directory).reversed() {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var newlines = 0
            var found: Int?
            // The first newline from the end ends the segment's last line; the one after the
            // `remaining`-th line is just before the line wanted.
            EventLogTail.newlinesBackwards(fd: fd, length: Int(lseek(fd, 0, SEEK_END))) { offset in
                newlines += 1
                if newlines == remaining + 1 { found = offset + 1 }
                return found == nil
            }
            if let found { return EventLogPosition(path: path, offset: found) }
            if newlines > 0 { oldest = EventLogPosition(path: path, offset: 0) }
            remaining -= newlines
            if remaining <= 0 { break }
        }
        return oldest
    }
}
