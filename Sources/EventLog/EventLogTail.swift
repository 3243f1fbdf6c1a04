import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension EventLogSegments {
    /// The sequence number in a segment's file name.
    static func firstSequence(of path: String) -> UInt64? {
        let name = (path as NSString).lastPathComponent
        guard name.hasPrefix("events-"), name.hasSuffix(".log") else { return nil }
        return UInt64(name.dropFirst("events-".count).dropLast(".log".count))
    }
}

/// Reading a log file from its end.
enum EventLogTail {
    struct End {
        var fileLength: Int
        /// Length up to and including the last newline.
        var completeLength: Int
        var lastLine: String?
    }

    /// Finds the last complete line of the open file `fd`.
    static func lastCompleteLine(fd: Int32) -> End {
        let length = Int(lseek(fd, 0, SEEK_END))
        let found = lastLines(fd: fd, length: length, count: 1)
        return End(fileLength: length, completeLength: found.completeLength, lastLine: found.lines.last)
    }

    /// The last `count` newline-terminated lines of the first `length` bytes of `fd`, and the length
    /// up to the last newline. Reads backwards in chunks, only as far as it needs.
    static func lastLines(fd: Int32, length: Int, count: Int) -> (lines: [String], completeLength: Int) {
        let chunkSize = 64 * 1024
        var buffer: [UInt8] = []
        var position = length
        var newlines = 0
        while position > 0 && newlines <= count {
            let start = max(0, position - chunkSize)
            var chunk = [UInt8](repeating: 0, count: position - start)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, position - start, off_t(start)) }
            guard n == position - start else { break }
            newlines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            buffer = chunk + buffer
            position = start
        }
        guard let lastNewline = buffer.lastIndex(of: 0x0A) else { return ([], 0) }
        var lines = buffer[..<lastNewline].split(separator: 0x0A, omittingEmptySubsequences: false)
        if position > 0 { lines.removeFirst() }  // may start mid-line
        let wanted = lines.suffix(count).map { String(decoding: $0, as: UTF8.self) }
        return (wanted, position + lastNewline + 1)
    }
}
