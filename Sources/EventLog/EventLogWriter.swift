import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Appends events to the durable log, numbering them. One owner (the engine's pipeline thread).
///
/// On open it finds where the log ends: the last complete line gives the next sequence number, and
/// a half-written last line (a crash mid-append) is cut off. A segment that reaches
/// `maxSegmentBytes` is closed and the next append starts a new one, named by its first sequence.
public final class EventLogWriter {
    public static let defaultMaxSegmentBytes = 64 * 1024 * 1024

    public let directory: String
    public let maxSegmentBytes: Int
    private var fd: Int32
    /// The open segment's size.
    private var segmentBytes: Int
    /// Whether appends happened since the last `sync()`.
    private var unsynced = false
    /// Segments started by this writer (rotation), counting the first one opened.
    public private(set) var segmentCount = 1
    /// Reused between appends.
    private var bytes: [UInt8] = []
    /// The sequence number the next appended event gets.
    public private(set) var nextSequence: UInt64
    /// Bytes cut off a half-written last line when the log was opened (0 normally).
    public let repairedBytes: Int

    public init(directory: String, maxSegmentBytes: Int = EventLogWriter.defaultMaxSegmentBytes) throws(FileSystemError) {
        self.directory = directory
        self.maxSegmentBytes = maxSegmentBytes
        try AtomicFile.makeDirectory(directory)
        let path = EventLogSegments.list(in: directory).last ?? directory + "/" + EventLogSegments.name(firstSequence: 1)
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystemError("open", path: path) }
        self.fd = fd
        let tail = EventLogTail.lastCompleteLine(fd: fd)
        if tail.completeLength < tail.fileLength {
            ftruncate(fd, off_t(tail.completeLength))
        }
        repairedBytes = tail.fileLength - tail.completeLength
        segmentBytes = tail.completeLength
        if let last = tail.lastLine.flatMap({ LoggedEvent(line: Substring($0)) }) {
            nextSequence = last.sequence + 1
        } else {
            nextSequence = EventLogSegments.firstSequence(of: path) ?? 1
        }
    }

    deinit { close(fd) }

    /// Numbers and appends `events` with one write; returns the first number given (the others
    /// follow in order), or nil for no events.
    @discardableResult
    public func append(_ events: [ReceivedEvent]) throws(FileSystemError) -> UInt64? {
        guard !events.isEmpty else { return nil }
        let first = nextSequence
        bytes.removeAll(keepingCapacity: true)
        for event in events {
            LoggedEvent.appendLine(
                sequence: nextSequence, receivedAtMillis: event.receivedAtMillis, source: event.source, body: event.body,
                to: &bytes)
            nextSequence += 1
        }
        let count = bytes.count
        var offset = 0
        while offset < count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                nextSequence -= UInt64(events.count)
                // Drop a partial batch so the log never holds half a line.
                if offset > 0 { ftruncate(fd, lseek(fd, 0, SEEK_END) - off_t(offset)) }
                throw FileSystemError("append to event log in", path: directory, code: code)
            }
            offset += n
        }
        segmentBytes += count
        unsynced = true
        if segmentBytes >= maxSegmentBytes { rotate() }
        return first
    }

    /// Flushes appended events to the disk (if any were appended since the last time).
    public func sync() {
        guard unsynced else { return }
        fdatasync(fd)
        unsynced = false
    }

    /// Closes the full segment (flushed) and opens the next, named by the next sequence. If that
    /// cannot be opened, appends go on to the full one and the next append tries again.
    private func rotate() {
        let path = directory + "/" + EventLogSegments.name(firstSequence: nextSequence)
        let next = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard next >= 0 else { return }
        fdatasync(fd)
        close(fd)
        fd = next
        segmentBytes = 0
        unsynced = false
        segmentCount += 1
    }
}
