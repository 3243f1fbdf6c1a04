import Foundation
import GlusterEvents
import GlusterHost

#if canImport(Glibc)
    import Glibc
#endif

/// Appends events to the durable log, numbering them. One owner (the engine's pipeline thread).
///
/// On open it finds where the log ends: the last complete line gives the next sequence number, and
/// a half-written last line (a crash mid-append) is cut off. A segment that reaches
/// `maxSegmentBytes` is closed and the next event starts a new one, named by its first sequence.
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

    /// Numbers and appends `events` (one write per segment they go to); returns the first number
    /// given (the others follow in order), or nil for no events.
    ///
    /// A segment is closed as soon as it reaches `maxSegmentBytes`, within a batch too, so none
    /// grows past it by more than one event. All or nothing: if a write fails, what this batch
    /// wrote is taken back (segments it started are removed) and the error is thrown.
    @discardableResult
    public func append(_ events: [ReceivedEvent]) throws(FileSystemError) -> UInt64? {
        guard !events.isEmpty else { return nil }
        let before = (fd: fd, bytes: segmentBytes, sequence: nextSequence, segments: segmentCount)
        /// Segments this batch filled and left (flushed and closed once it is all written).
        var filled: [Int32] = []
        /// Segments this batch started (removed if it fails).
        var started: [String] = []
        bytes.removeAll(keepingCapacity: true)
        do throws(FileSystemError) {
            for event in events {
                LoggedEvent.appendLine(
                    sequence: nextSequence, receivedAtMillis: event.receivedAtMillis, source: event.source, body: event.body,
                    to: &bytes)
                nextSequence += 1
                if bytes.count >= Self.writeChunkBytes { try writePending() }  // memory stays small whatever the batch
                if segmentBytes + bytes.count >= maxSegmentBytes {
                    try writePending()
                    let full = fd
                    guard let path = rotate() else { continue }
                    filled.append(full)
                    started.append(path)
                }
            }
            try writePending()
        } catch {
            let current = fd
            for path in started { unlink(path) }
            for old in filled where old != before.fd { close(old) }
            if current != before.fd { close(current) }
            fd = before.fd
            ftruncate(fd, off_t(before.bytes))
            segmentBytes = before.bytes
            nextSequence = before.sequence
            segmentCount = before.segments
            throw error
        }
        for old in filled {
            fdatasync(old)
            close(old)
        }
        return before.sequence
    }

    /// A batch is written in pieces of about this size (a batch of large events would otherwise be
    /// held whole, twice, and the buffer kept at its largest).
    static let writeChunkBytes = 1 << 20

    /// Writes `bytes` to the open segment and empties it.
    private func writePending() throws(FileSystemError) {
        let count = bytes.count
        var offset = 0
        while offset < count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("append to event log in", path: directory, code: errno)
            }
            offset += n
        }
        if bytes.capacity > 2 * Self.writeChunkBytes { bytes = [] } else { bytes.removeAll(keepingCapacity: true) }
        segmentBytes += count
        if count > 0 { unsynced = true }
    }

    /// Flushes appended events to the disk (if any were appended since the last time).
    public func sync() {
        guard unsynced else { return }
        fdatasync(fd)
        unsynced = false
    }

    /// Starts the next segment, named by the next sequence, and returns its path; the full one
    /// stays open for `append` to flush and close. If the next cannot be opened, appends go on to
    /// the full one and the next event tries again.
    private func rotate() -> String? {
        let path = directory + "/" + EventLogSegments.name(firstSequence: nextSequence)
        let next = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard next >= 0 else { return nil }
        fd = next
        segmentBytes = 0
        unsynced = false
        segmentCount += 1
        return path
    }
}
