import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the durable log's last events (`EventLogCursor` reads forward from any sequence).
public struct EventLogReader: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The last `count` logged events, oldest first.
    public func last(_ count: Int) -> [LoggedEvent] {
        guard count > 0 else { return [] }
        var events: [LoggedEvent] = []
        for path in EventLogSegments.list(in: directory).reversed() where events.count < count {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            let length = Int(lseek(fd, 0, SEEK_END))
            let lines = EventLogTail.lastLines(fd: fd, length: length, count: count - events.count).lines
            events = lines.compactMap { LoggedEvent(line: Substring($0)) } + events
        }
        return events
    }
}
