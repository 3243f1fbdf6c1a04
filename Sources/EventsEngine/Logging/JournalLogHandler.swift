import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Standard error when systemd connects it to the journal: each line starts with its syslog
/// priority (`<4>` for a warning, as sd-daemon(3) says), so that `journalctl -u eventsdash -p
/// warning` picks the warnings out, and leaves the time and the program's name to the journal.
struct JournalLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    /// Where a line goes (standard error; tests catch it).
    var write: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(line.utf8)) }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "<\(Self.priority(event.level))>\(event.message)"
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        write(line + "\n")
    }

    /// syslog's priority for `level`: swift-log's notice is syslog's notice, and so on.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// Whether standard error is the journal's stream: systemd names it in `$JOURNAL_STREAM` as
    /// `DEVICE:INODE`, and a process whose standard error was redirected since inherits the
    /// variable but not the stream (systemd.exec(5)).
    static func standardErrorIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        var info = stat()
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]), fstat(2, &info) == 0 else {
            return false
        }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
