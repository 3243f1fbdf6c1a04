import EventLog
import Foundation
import GlusterEvents
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The operator log appended where glustereventsd keeps its own (`/var/log/glusterfs/events.log`,
/// when eventsdash shares glusterd's files), in its format: Python logging's
/// `[2026-11-30 21:03:13,794] WARNING [eventsdash] - webhook … is failing: …`. glustereventsd
/// writes its messages and its published events to that one file; eventsdash's events lines there
/// (`HumanEventsLog`) read `… INFO [eventsdash] - #<seq> {…}`.
///
/// Each line opens the file, appends in one write and closes it: lines are rare (changes, never
/// events), and a file that logrotate or the events log's rotation moved away is started afresh,
/// as Python's `WatchedFileHandler` does. A file that cannot be opened never stops the engine: the
/// first failure is said on standard error (`complain`), later ones are not.
public final class GlustereventsdLogFile: Sendable {
    public let path: String
    private let complain: @Sendable (String) -> Void
    private let complained = Atomic<Bool>(false)

    public init(path: String, complain: @escaping @Sendable (String) -> Void = GlustereventsdLogFile.standardError) {
        self.path = path
        self.complain = complain
    }

    /// Appends one line: `level`, `message` (escaped: one line, no terminal controls) and
    /// `metadata` as ` key=value` pairs, stamped `at` (seconds since 1970).
    public func append(level: Logger.Level, message: String, metadata: Logger.Metadata = [:], at time: Double = Date().timeIntervalSince1970) {
        let millis = Int64(time * 1000)
        var line = "[\(HumanEventsLog.localTime(seconds: millis / 1000)),\(String(format: "%03d", Int(millis % 1000)))] "
        line += "\(Self.pythonName(level)) [eventsdash] - \(TerminalText.escaped(message))"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(TerminalText.escaped("\(value)"))" }
        line += "\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return complainOnce("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = line.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
        if written < 0 { complainOnce("cannot append to \(path): \(String(cString: strerror(errno)))") }
    }

    /// Opens the file once (creating it) to say at start-up, not at the first change, if it cannot be.
    func check() {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return complainOnce("cannot open \(path): \(String(cString: strerror(errno)))") }
        close(fd)
    }

    private func complainOnce(_ problem: String) {
        guard !complained.exchange(true, ordering: .relaxed) else { return }
        complain("eventsdash: \(problem); the operator log goes on without it")
    }

    /// Where a file that cannot be opened is said by default.
    public static let standardError: @Sendable (String) -> Void = { text in FileHandle.standardError.write(Data((text + "\n").utf8)) }

    /// Python logging's level names, as glustereventsd's lines have them.
    static func pythonName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "DEBUG"
        case .info, .notice: "INFO"
        case .warning: "WARNING"
        case .error: "ERROR"
        case .critical: "CRITICAL"
        }
    }
}

/// A swift-log output appending to a `GlustereventsdLogFile` (`LiveLevelHandler` decides the level).
struct GlustereventsdLogHandler: LogHandler {
    let file: GlustereventsdLogFile
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        file.append(level: event.level, message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 })
    }
}
