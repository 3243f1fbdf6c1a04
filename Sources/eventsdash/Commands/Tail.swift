import ArgumentParser
import Dashboard
import EventLog
import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print logged events, with their sequence numbers (or the webhook JSON, one per line, with --json).",
        discussion: """
            -n counts the events printed, after --event, --match, --since and --until: 'tail -n 3 --event QUORUM_*' \
            prints the last three quorum events, however far back in the log they are. A time is the \
            event's own (the TIMESTAMP column), in local time: \(TimeExpression.acceptedForms). A date \
            alone is its midnight; a time of day alone is today's, even when still to come. \
            'eventsdash redeliver URL SEQ' sends an event again.
            """)

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption

    @Option(
        name: [.customShort("n"), .customLong("lines")],
        help: "How many of the newest matching events to print first (default: 10; with --since or --until, all).")
    var lines: Int?

    @Flag(name: .shortAndLong, help: "Keep printing new events as they arrive.")
    var follow = false

    @Option(name: .customLong("event"), help: "Only events whose name matches, e.g. 'VOLUME_*' (repeatable).")
    var eventPatterns: [String] = []

    @Option(
        name: .customLong("match"),
        help: ArgumentHelp(
            "Only events the dashboard's filter words take: 'volume:gv0', 'sev:problem brick:vm:/b1', '-event:CLIENT_*', 'key=value', text…",
            valueName: "words"))
    var match: String?

    // Unconditional: `--since -10m` is a value, not an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Only events from this time on: 10m, 2h, 3d ago, 2026-11-30T14:02, 14:02…", valueName: "time"))
    var since: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only events up to this time (not with --follow).", valueName: "time"))
    var until: String?

    func validate() throws {
        if let lines, lines < 0 { throw ValidationError("-n must be 0 or more") }
        if follow, until != nil { throw ValidationError("--until ends the output: it cannot be used with --follow") }
        _ = try timeRange()
        _ = try words()
    }

    /// `--match`'s words, read as the events pane reads them; a ValidationError says which is wrong.
    private func words() throws -> LoggedEventFilter? {
        guard let match else { return nil }
        do {
            return try LoggedEventFilter(parsing: match)
        } catch {
            throw ValidationError("--match: \(error.description)")
        }
    }

    func run() throws {
        let layout = state.resolve()
        let directory = layout.eventLogDirectory
        let ids = output.json ? try? WebhookMessageIDs.of(layout) : nil
        let reader = EventLogReader(directory: directory)
        // Without --follow, the events logged by now; taken first, so that nothing slips between.
        let newest = reader.last(1).first?.sequence ?? 0
        let filter = EventSelection(patterns: eventPatterns.map(EventNamePattern.init), range: try timeRange(), words: try words())
        let format = TailFormat(newest: newest, following: follow)
        if !output.json { Output.lines(format.header) }
        // The events stream from the log a few at a time: events of 390 KB, 100,000 of them, are
        // never all in memory.
        let (cursor, last) = start(reader: reader, newest: newest, filter: filter)
        while cursor.nextSequence <= last {
            let events = cursor.read(limit: Self.readLimit, maxBytes: Self.readBytes)
            if events.isEmpty { break }
            for event in events where event.sequence <= last && filter.matches(event) { emit(event, format, ids) }
        }
        fflush(nil)
        guard follow else { return }
        let following = EventLogCursor(directory: directory, from: newest + 1)
        while true {
            let events = following.read(limit: Self.readLimit, maxBytes: Self.readBytes)
            for event in events where filter.matches(event) { emit(event, format, ids) }
            if !events.isEmpty { fflush(nil) }
            if events.count < Self.readLimit { Thread.sleep(forTimeInterval: 0.2) }
        }
    }

    /// Events read from the log at once, and the bytes after which a read stops.
    private static let readLimit = 64
    private static let readBytes = 1 << 20

    /// `-n`, or every matching event when a time bounds them.
    private var count: Int? { lines ?? (since == nil && until == nil ? 10 : nil) }

    /// `--since` and `--until` as Unix seconds (inclusive); a ValidationError naming the forms.
    private func timeRange() throws -> ClosedRange<Int64>? {
        guard since != nil || until != nil else { return nil }
        let now = Date()
        func read(_ text: String?, _ option: String) throws -> Int64? {
            guard let text else { return nil }
            do {
                return try TimeExpression(parsing: text).seconds(now: now, timeZone: .current)
            } catch {
                throw ValidationError("--\(option): \(error.description)")
            }
        }
        let from = try read(since, "since") ?? .min
        let to = try read(until, "until") ?? .max
        guard from <= to else { throw ValidationError("--since is after --until: nothing is in between") }
        return from...to
    }

    /// A cursor at the first event to print, and the last to print: the last `count` matching
    /// ones, or every matching one without a count.
    private func start(reader: EventLogReader, newest: UInt64, filter: EventSelection) -> (EventLogCursor, UInt64) {
        let directory = reader.directory
        let none = (EventLogCursor(directory: directory, from: newest + 1), newest)
        guard let count else { return (EventLogCursor(directory: directory, from: 0), newest) }
        guard count > 0 else { return none }
        if filter.takesAll {
            guard let start = reader.start(ofLast: count) else { return none }
            return (EventLogCursor(directory: directory, at: start), newest)
        }
        guard let matching = reader.lastMatching(count, through: newest, where: filter.matches) else { return none }
        return (EventLogCursor(directory: directory, from: matching.lowerBound), matching.upperBound)
    }

    private func emit(_ event: LoggedEvent, _ format: TailFormat, _ ids: WebhookMessageIDs?) {
        if output.json {
            Output.json(text: TailFormat.json(for: event, ids: ids))
        } else {
            let (line, severity) = format.line(for: event)
            Output.line(line, colour: colour ? TailFormat.ansiColour[severity] : nil)
        }
    }

    /// Colour on a terminal, unless NO_COLOR is set (https://no-color.org).
    private var colour: Bool {
        isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}

/// Which logged events `tail` prints: by name (`--event`), by their own time (`--since`,
/// `--until`) and by the dashboard's filter words (`--match`).
private struct EventSelection {
    var patterns: [EventNamePattern]
    var range: ClosedRange<Int64>?
    var words: LoggedEventFilter?

    var takesAll: Bool { patterns.isEmpty && range == nil && words == nil }

    func matches(_ event: LoggedEvent) -> Bool {
        if takesAll { return true }
        let header = WebhookBodyHeader.nameAndTimestamp(of: event.body)
        if let range {
            guard let timestamp = header?.timestamp, range.contains(timestamp) else { return false }
        }
        let name = header?.name ?? WebhookBodyHeader.name(of: event.body) ?? ""
        guard patterns.isEmpty || patterns.contains(where: { $0.matches(name) }) else { return false }
        return words?.matches(event) ?? true
    }
}
