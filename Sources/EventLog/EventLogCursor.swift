import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the durable log forward from a sequence number, across segments, as it grows: what a
/// webhook's delivery reads its events from. One owner; reads whole chunks and never returns a
/// line the writer has not finished.
public final class EventLogCursor {
    public let directory: String
    /// The sequence the next event returned should have (events before it are skipped).
    public private(set) var nextSequence: UInt64
    private var segment: (path: String, fd: Int32)?
    /// Offset in the segment of `buffer`'s first byte.
    private var offset = 0
    private var buffer: [UInt8] = []
    private var consumed = 0
    /// When the directory was last listed at the end of a segment (monotonic seconds).
    private var listedAt = -Double.infinity
    private static let chunk = 256 * 1024
    /// What a read is made room with (appending an array copies at once, even in a debug build;
    /// `repeatElement` went a byte at a time and took half of `tail`'s time).
    private static let zeros = [UInt8](repeating: 0, count: chunk)

    /// A cursor at `sequence` (or at the oldest logged event, if that one was deleted by retention).
    public init(directory: String, from sequence: UInt64) {
        self.directory = directory
        nextSequence = sequence
    }

    /// A cursor at `position` (from `EventLogReader.start(ofLast:)`); from the oldest logged event
    /// if that segment was deleted meanwhile.
    public init(directory: String, at position: EventLogPosition) {
        self.directory = directory
        nextSequence = 0
        if open(position.path) { offset = position.offset }
    }

    deinit { if let segment { close(segment.fd) } }

    /// Up to `limit` complete events from `nextSequence` on, stopping once they pass `maxBytes` (at
    /// least one is read); fewer (or none) at the log's end.
    public func read(limit: Int, maxBytes: Int = .max) -> [LoggedEvent] {
        var events: [LoggedEvent] = []
        var bytes = 0
        while events.count < limit && bytes < maxBytes {
            if let line = nextLine() {
                // Skipping to the start costs only a number per line.
                guard let sequence = LoggedEvent.sequence(of: line), sequence >= nextSequence,
                    let event = LoggedEvent(bytes: line)
                else { continue }
                events.append(event)
                bytes += line.count
                nextSequence = event.sequence + 1
            } else if !advanceSegment() {
                break
            }
        }
        releaseChunk()
        return events
    }

    /// With little left in hand (caught up, a webhook's cursor waits for the next event), lets go
    /// of the chunk it read with: 256 KiB a webhook adds up with many webhooks.
    private func releaseChunk() {
        guard buffer.capacity > Self.chunk / 4, buffer.count - consumed < Self.chunk / 16 else { return }
        buffer = Array(buffer[consumed...])
        offset += consumed
        consumed = 0
    }

    /// Lets go of all it read past the events returned (read again, from the page cache, when
    /// asked for more): for a reader that stops for a while, as a webhook whose read-ahead is full.
    public func letGoOfBuffer() {
        offset += consumed
        buffer = []
        consumed = 0
    }

    /// The oldest sequence still in the log (after retention deleted older segments), if any.
    public static func oldestSequence(in directory: String) -> UInt64? {
        EventLogSegments.list(in: directory).first.flatMap(EventLogSegments.firstSequence(of:))
    }

    // MARK: - Lines

    /// The next complete line in the open segment (reading more as needed), without its newline.
    private func nextLine() -> ArraySlice<UInt8>? {
        if segment == nil, !openSegment() { return nil }
        while true {
            if let newline = buffer[consumed...].firstIndex(of: 0x0A) {
                let line = buffer[consumed..<newline]
                consumed = newline + 1
                return line
            }
            guard fill() else { return nil }
        }
    }

    /// Reads more of the segment after what the buffer holds; false at its current end.
    private func fill() -> Bool {
        guard let segment else { return false }
        offset += consumed
        buffer.removeFirst(consumed)
        consumed = 0
        let kept = buffer.count
        // What the file holds past the buffer: at the log's head (a webhook waiting for the next
        // event) that is a few bytes or none, found without making room for a whole chunk.
        var info = stat()
        guard fstat(segment.fd, &info) == 0 else { return false }
        let wanted = min(Self.chunk, Int(info.st_size) - (offset + kept))
        guard wanted > 0 else { return false }
        buffer.append(contentsOf: Self.zeros[..<wanted])
        let n = buffer.withUnsafeMutableBytes { pread(segment.fd, $0.baseAddress! + kept, wanted, off_t(offset + kept)) }
        buffer.removeLast(wanted - max(0, n))
        return n > 0
    }

    // MARK: - Segments

    /// Opens the segment holding `nextSequence`: the last whose first sequence is at or before it
    /// (or the oldest, when retention deleted it).
    private func openSegment() -> Bool {
        let segments = EventLogSegments.list(in: directory)
        let chosen =
            segments.last { (EventLogSegments.firstSequence(of: $0) ?? 0) <= nextSequence } ?? segments.first
        guard let chosen else { return false }
        return open(chosen)
    }

    /// At the end of the open segment: moves to the next one if the writer has started it.
    private func advanceSegment() -> Bool {
        guard let current = segment else { return false }
        // The writer starts a segment with the event after the last one written, and names it for
        // it: one `access` finds it. The directory is listed (what else could have happened: a
        // segment deleted, a gap) only when the open one is gone, or once a second.
        let expected = directory + "/" + EventLogSegments.name(firstSequence: nextSequence)
        if expected != current.path, access(expected, F_OK) == 0 { return moveOn(to: expected) }
        var info = stat()
        let deleted = fstat(current.fd, &info) == 0 && info.st_nlink == 0
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        guard deleted || now - listedAt >= 1 else { return false }
        listedAt = now
        let segments = EventLogSegments.list(in: directory)
        guard let next = segments.first(where: { $0 > current.path }) else {
            // The current segment may have been deleted by retention while we read it.
            if !segments.contains(current.path) { close(current.fd); segment = nil; return openSegment() }
            return false
        }
        return moveOn(to: next)
    }

    /// Reads what the open segment got before the writer moved on to `next`, or opens `next`.
    private func moveOn(to next: String) -> Bool {
        if fill() { return true }
        if let current = segment { close(current.fd) }
        segment = nil
        return open(next)
    }

    private func open(_ path: String) -> Bool {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        segment = (path, fd)
        offset = 0
        buffer.removeAll(keepingCapacity: true)
        consumed = 0
        return true
    }
}

extension LoggedEvent {
    /// The sequence number a line starts with.
    static func sequence(of line: ArraySlice<UInt8>) -> UInt64? {
        UInt64(decimal: line.prefix { $0 != 0x09 })
    }

    /// Reads one line's bytes (without its newline); nil for a line that is not a log record.
    init?(bytes line: ArraySlice<UInt8>) {
        var fields: [ArraySlice<UInt8>] = []
        var start = line.startIndex
        while fields.count < 3, let tab = line[start...].firstIndex(of: 0x09) {  // the body may be long: not scanned
            fields.append(line[start..<tab])
            start = tab + 1
        }
        guard fields.count == 3, let sequence = UInt64(decimal: fields[0]), let received = Int64(decimal: fields[1]) else {
            return nil
        }
        self.init(
            sequence: sequence, receivedAtMillis: received, source: String(decoding: fields[2], as: UTF8.self),
            body: String(decoding: line[start...], as: UTF8.self))
    }
}

extension FixedWidthInteger {
    /// A non-negative decimal number from ASCII digits; nil for anything else.
    fileprivate init?(decimal digits: ArraySlice<UInt8>) {
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value: Self = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + Self(digit - 0x30)
        }
        self = value
    }
}
