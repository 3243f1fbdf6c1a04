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

/// Reading a log file from its end, a chunk at a time into one buffer: memory stays at a chunk
/// whatever the size of the file or of its lines, and only the bytes up to what is wanted are read.
enum EventLogTail {
    struct End {
        var fileLength: Int
        /// Length up to and including the last newline.
        var completeLength: Int
        var lastLine: String?
    }

    private static let chunkSize = 64 * 1024

    /// Calls `found` with the offset of each newline in the first `length` bytes of `fd`, the last
    /// first, until it returns false; returns whether the start of the file was reached.
    @discardableResult
    static func newlinesBackwards(fd: Int32, length: Int, _ found: (Int) -> Bool) -> Bool {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var position = length
        while position > 0 {
            let start = max(0, position - chunkSize)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, position - start, off_t(start)) }
            guard n == position - start else { return false }
            for index in stride(from: n - 1, through: 0, by: -1) where chunk[index] == 0x0A {
                if !found(start + index) { return false }
            }
            position = start
        }
        return true
    }

    /// Finds the last complete line of the open file `fd`.
    static func lastCompleteLine(fd: Int32) -> End {
        let length = Int(lseek(fd, 0, SEEK_END))
        var newlines: [Int] = []
        newlinesBackwards(fd: fd, length: length) { offset in
            newlines.append(offset)
            return newlines.count < 2
        }
        guard let last = newlines.first else { return End(fileLength: length, completeLength: 0, lastLine: nil) }
        let start = newlines.count > 1 ? newlines[1] + 1 : 0
        var line = [UInt8](repeating: 0, count: last - start)
        let n = line.withUnsafeMutableBytes { pread(fd, $0.baseAddress, last - start, off_t(start)) }
        return End(
            fileLength: length, completeLength: last + 1, lastLine: n == line.count ? String(decoding: line, as: UTF8.self) : nil)
    }
}
