import Foundation
import GlusterEvents
import GlusterHost

#if canImport(Glibc)
    import Glibc
#endif

/// The log's epoch: 16 random hex digits made with the log (the file `epoch` beside its segments),
/// so that a log started again — reset, or on a reinstalled node — numbers its events from 1 under
/// another epoch, and their `webhook-id`s (`WebhookMessageIDs`) never repeat an earlier log's.
public enum EventLogEpoch {
    static let fileName = "epoch"

    /// The epoch of the log in `directory`; made when there is none yet (a new log, or one an
    /// older eventsdash made). Two processes making it at once agree: the first file written wins.
    public static func resolve(directory: String) throws -> String {
        if let epoch = read(directory: directory) { return epoch }
        try AtomicFile.makeDirectory(directory)
        let path = directory + "/" + fileName
        let made = String(format: "%016llx", UInt64.random(in: 1...UInt64.max))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            defer { close(fd) }
            let line = made + "\n"
            guard write(fd, line, line.utf8.count) == line.utf8.count, fsync(fd) == 0 else {
                throw FileSystemError("write", path: path)
            }
            return made
        }
        guard errno == EEXIST else { throw FileSystemError("create", path: path) }
        if let epoch = read(directory: directory) { return epoch }
        // There, but not an epoch (cut short by a crash as it was made): made again.
        try AtomicFile.write(Data((made + "\n").utf8), to: path)
        return made
    }

    /// The epoch of the log in `directory`, nil when it has none (yet).
    public static func read(directory: String) -> String? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        return text.count == 16 && text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) ? text : nil
    }
}
