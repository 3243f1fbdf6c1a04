import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the durable log for a filter over all of it, as fast as the disk gives it: a segment at a
/// time, forward in large chunks, each complete line handed over as bytes (nothing decoded, no
/// string made) with where it starts, so that a match can be read back alone later
/// (`event(in:at:)`). The caller picks the order of segments (a filter goes newest first).
/// A segment retention deletes mid-scan is read to its end all the same (its file stays open);
/// one deleted before it is opened is skipped, as its events are gone.
public enum EventLogScan {
    /// One segment of the log: its file and the sequence of its first event.
    public struct Segment: Sendable, Equatable {
        public let path: String
        public let firstSequence: UInt64
    }

    /// One line of the log, valid only while `visit` runs.
    public struct Line {
        public let sequence: UInt64
        public let receivedAtMillis: Int64
        /// Where the line starts in its segment.
        public let offset: Int
        public let source: UnsafeBufferPointer<UInt8>
        /// The webhook JSON, as logged.
        public let body: UnsafeBufferPointer<UInt8>
    }

    /// The log's segments, oldest first.
    public static func segments(in directory: String) -> [Segment] {
        EventLogSegments.list(in: directory).compactMap { path in
            EventLogSegments.firstSequence(of: path).map { Segment(path: path, firstSequence: $0) }
        }
    }

    /// Hands `visit` each complete line of `segment` up to sequence `last`, in order, until it
    /// returns false. Returns false when `visit` stopped it, true when the segment (up to `last`)
    /// was read, or could not be opened.
    @discardableResult
    public static func scan(_ segment: Segment, through last: UInt64, chunkBytes: Int = 4 << 20, _ visit: (Line) -> Bool) -> Bool {
        let fd = open(segment.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: max(4096, chunkBytes))
        var kept = 0  // bytes of an unfinished line at the buffer's start
        var fileOffset = 0  // where the buffer's first byte is in the segment
        while true {
            if kept == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }  // a line longer than the buffer
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + kept, $0.count - kept, off_t(fileOffset + kept)) }
            guard n > 0 else { return true }
            let filled = kept + n
            var outcome: Bool?
            let consumed = buffer.withUnsafeBufferPointer { bytes -> Int in
                var start = 0
                while start < filled {
                    guard let newline = firstNewline(bytes, from: start, to: filled) else { break }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<newline])
                    let lineOffset = fileOffset + start
                    start = newline + 1
                    guard let parsed = parse(line, offset: lineOffset) else { continue }
                    if parsed.sequence > last { outcome = true; break }
                    if !visit(parsed) { outcome = false; break }
                }
                return start
            }
            if let outcome { return outcome }
            kept = filled - consumed
            if consumed > 0, kept > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    _ = memmove(base, base + consumed, kept)
                }
            }
            fileOffset += consumed
        }
    }

    /// The event whose line starts at `offset` in the segment at `path`; nil when it is gone or no
    /// line of the log starts there.
    public static func event(in path: String, at offset: Int) -> LoggedEvent? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        var filled = 0
        while true {
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(offset + filled)) }
            guard n > 0 else { return nil }
            let searchFrom = filled
            filled += n
            if let newline = buffer[searchFrom..<filled].firstIndex(of: 0x0A) { return LoggedEvent(bytes: buffer[0..<newline]) }
        }
    }

    private static func firstNewline(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard let found = memchr(bytes.baseAddress! + start, 0x0A, end - start) else { return nil }
        return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - bytes.baseAddress!
    }

    /// `<seq>\t<received-ms>\t<source>\t<body>`; nil for anything else.
    private static func parse(_ line: UnsafeBufferPointer<UInt8>, offset: Int) -> Line? {
        var index = 0
        func field() -> UnsafeBufferPointer<UInt8>? {
            let start = index
            while index < line.count, line[index] != 0x09 { index += 1 }
            guard index < line.count else { return nil }
            defer { index += 1 }
            return UnsafeBufferPointer(rebasing: line[start..<index])
        }
        guard let sequenceDigits = field(), let sequence = number(sequenceDigits), let millisDigits = field(),
            let millis = number(millisDigits), let source = field()
        else { return nil }
        return Line(
            sequence: sequence, receivedAtMillis: Int64(clamping: millis), offset: offset, source: source,
            body: UnsafeBufferPointer(rebasing: line[index...]))
    }

    private static func number(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + UInt64(digit - 0x30)
        }
        return value
    }
}
