import ArgumentParser
import EventLog
import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print logged events, with their sequence numbers (or the webhook JSON, one per line, with --json).",
        discussion: "'eventsdash redeliver URL SEQ' sends an event again.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption

    @Option(name: [.customShort("n"), .customLong("lines")], help: "How many of the newest events to print first.")
    var lines = 10

    @Flag(name: .shortAndLong, help: "Keep printing new events as they arrive.")
    var follow = false

    @Option(name: .customLong("event"), help: "Only events whose name matches, e.g. 'VOLUME_*' (repeatable).")
    var eventPatterns: [String] = []

    func run() throws {
        let directory = state.resolve().eventLogDirectory
        let reader = EventLogReader(directory: directory)
        // Without --follow, the events logged by now; taken first, so that nothing slips between.
        let newest = reader.last(1).first?.sequence ?? 0
        let format = TailFormat(newest: newest, following: follow)
        if !output.json { Output.lines(format.header) }
        // The events stream from the log a few at a time: events of 390 KB, 100,000 of them, are
        // never all in memory.
        let cursor = startCursor(reader: reader, newest: newest)
        while true {
            let events = cursor.read(limit: Self.readLimit)
            for event in events where follow || event.sequence <= newest { if wanted(event) { emit(event, format) } }
            if !follow && (events.isEmpty || cursor.nextSequence > newest) { break }
            if !events.isEmpty { fflush(nil) }
            if events.count < Self.readLimit { Thread.sleep(forTimeInterval: 0.2) }
        }
        fflush(nil)
    }

    /// Events read from the log at once.
    private static let readLimit = 16

    /// A cursor at the first of the last `lines` events (matching ones with `--event`).
    private func startCursor(reader: EventLogReader, newest: UInt64) -> EventLogCursor {
        let directory = reader.directory
        let window = patterns.isEmpty || lines == 0 ? lines : max(lines * 50, 10_000)
        guard let start = reader.start(ofLast: window) else { return EventLogCursor(directory: directory, from: newest + 1) }
        guard !patterns.isEmpty, lines > 0 else { return EventLogCursor(directory: directory, at: start) }
        // With a filter, the last N *matching* events of the last max(N × 50, 10,000): a first pass
        // keeps only the sequence numbers of the matching ones.
        var matching: [UInt64] = []
        let scan = EventLogCursor(directory: directory, at: start)
        while scan.nextSequence <= newest {
            let events = scan.read(limit: Self.readLimit)
            if events.isEmpty { break }
            for event in events where event.sequence <= newest && wanted(event) {
                matching.append(event.sequence)
                if matching.count > 2 * lines { matching.removeFirst(matching.count - lines) }
            }
        }
        return EventLogCursor(directory: directory, from: matching.suffix(lines).first ?? newest + 1)
    }

    private var patterns: [EventNamePattern] { eventPatterns.map(EventNamePattern.init) }

    private func wanted(_ event: LoggedEvent) -> Bool {
        guard !patterns.isEmpty else { return true }
        let name = WebhookBodyHeader.name(of: event.body) ?? ""
        return patterns.contains { $0.matches(name) }
    }

    private func emit(_ event: LoggedEvent, _ format: TailFormat) {
        if output.json {
            Output.json(text: TailFormat.json(for: event))
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
