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

/// What an engine tells an operator (under systemd, the journal): on standard error, at the live
/// level, with text from outside escaped for the terminal. Never a token or secret: callers log
/// URLs, counts and errors only.
public enum OperatorLog {
    public static func logger(level: LiveLogLevel) -> Logger {
        Logger(label: "eventsdash") { label in LiveLevelHandler(inner: StreamLogHandler.standardError(label: label), live: level) }
    }

    /// A logger that logs nothing (the dashboard's engine: its standard error is the screen).
    public static let silent = Logger(label: "eventsdash") { _ in SwiftLogNoOpLogHandler() }
}

/// swift-log's stderr handler, with its level read from a `LiveLogLevel` and messages escaped.
struct LiveLevelHandler: LogHandler {
    var inner: StreamLogHandler
    let live: LiveLogLevel

    var logLevel: Logger.Level {
        get { live.level }
        set {}  // the config decides
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(TerminalText.escaped(event.message.description))"
        inner.log(event: event)
    }
}
