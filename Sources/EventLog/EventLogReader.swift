import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the durable log: its last events, and new ones as they are appended.
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

    /// Where the log ends now: following from here yields only events appended later.
    public func end() -> Position {
        guard let path = EventLogSegments.list(in: directory).last else { return Position(segment: nil, offset: 0) }
        var info = stat()
        return Position(segment: path, offset: stat(path, &info) == 0 ? Int(info.st_size) : 0)
    }

    /// A place in the log.
    public struct Position: Sendable, Equatable {
        var segment: String?
        var offset: Int
    }

    /// The complete events appended after `position`, and the position after them.
    public func read(after position: Position) -> (events: [LoggedEvent], next: Position) {
        let segments = EventLogSegments.list(in: directory)
        guard !segments.isEmpty else { return ([], position) }
        var current = position
        if current.segment == nil || !segments.contains(current.segment!) {
            current = Position(segment: segments.first, offset: 0)
        }
        var events: [LoggedEvent] = []
        while let path = current.segment {
            guard let data = FileManager.default.contents(atPath: path), data.count >= current.offset else { break }
            let fresh = data[data.startIndex.advanced(by: current.offset)...]
            if let lastNewline = fresh.lastIndex(of: 0x0A) {
                let complete = fresh[..<lastNewline]
                for line in complete.split(separator: 0x0A) {
                    if let event = LoggedEvent(line: Substring(String(decoding: line, as: UTF8.self))) {
                        events.append(event)
                    }
                }
                current.offset = lastNewline + 1 - data.startIndex
            }
            guard let index = segments.firstIndex(of: path), index + 1 < segments.count,
                current.offset == data.count
            else { break }
            current = Position(segment: segments[index + 1], offset: 0)
        }
        return (events, current)
    }
}
