import GlusterEvents
import Logging
import Synchronization

/// The level an engine logs at, from config `log-level` (gluster's names), changed while it runs:
/// every logger made by `OperatorLog.logger` reads it on each call.
public final class LiveLogLevel: Sendable {
    private let raw = Atomic<UInt8>(LiveLogLevel.code(.info))

    public init() {}

    public var level: Logger.Level { Logger.Level.allCases[Int(raw.load(ordering: .relaxed))] }

    /// Sets it from a gluster level name: DEBUG, INFO, WARNING, ERROR or CRITICAL.
    public func set(glusterName: String) {
        let level: Logger.Level =
            switch glusterName.uppercased() {
            case "DEBUG": .debug
            case "WARNING": .warning
            case "ERROR": .error
            case "CRITICAL": .critical
            default: .info
            }
        raw.store(Self.code(level), ordering: .relaxed)
    }

    private static func code(_ level: Logger.Level) -> UInt8 { UInt8(Logger.Level.allCases.firstIndex(of: level)!) }
}

/// What an engine tells an operator: on standard error (under systemd, the journal, each line with
/// its priority: `JournalLogHandler`) and, when
/// sharing glusterd's files, in glustereventsd's log file too; at the live level, with text from
/// outside escaped. Never a token or secret: callers log URLs, counts and errors only.
public enum OperatorLog {
    /// - Parameters:
    ///   - standardError: log there (`serve`; the dashboard's standard error is its screen).
    ///   - file: also append to this file, glustereventsd's way (`GlustereventsdLogFile`); one that
    ///     cannot be opened is said once on standard error, now.
    public static func logger(level: LiveLogLevel, standardError: Bool = true, file: String? = nil) -> Logger {
        let logFile = file.map { GlustereventsdLogFile(path: $0) }
        logFile?.check()
        return Logger(label: "eventsdash") { label in
            var outputs: [any LogHandler] = []
            if standardError {
                outputs.append(
                    JournalLogHandler.standardErrorIsJournal() ? JournalLogHandler() : StreamLogHandler.standardError(label: label))
            }
            if let logFile { outputs.append(GlustereventsdLogHandler(file: logFile)) }
            return LiveLevelHandler(outputs: outputs, live: level)
        }
    }

    /// A logger that logs nothing (the dashboard's engine: its standard error is the screen).
    public static let silent = Logger(label: "eventsdash") { _ in SwiftLogNoOpLogHandler() }
}

/// Hands each line at or above the live level, its text escaped, to every output. (swift-log's
/// `MultiplexLogHandler` fixes its level when it is made: it would miss `log-level` changes.)
struct LiveLevelHandler: LogHandler {
    let outputs: [any LogHandler]
    let live: LiveLogLevel
    var metadata: Logger.Metadata = [:]

    var logLevel: Logger.Level {
        get { live.level }
        set {}  // the config decides
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(TerminalText.escaped(event.message.description))"
        if !metadata.isEmpty { event.metadata = metadata.merging(event.metadata ?? [:]) { $1 } }
        for output in outputs { output.log(event: event) }
    }
}
