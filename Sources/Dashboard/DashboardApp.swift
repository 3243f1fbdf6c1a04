import EventLog
import EventsEngine
import Foundation
import GlusterEvents
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The full-screen dashboard over a running engine: a header of live figures, the newest events
/// (coloured by severity), and a key-hint bar. Redraws only when something changed, at most ten
/// times a second; every curses call happens on the calling thread.
public enum DashboardApp {
    /// Runs until `q`, SIGINT, SIGTERM or SIGHUP, then gives the terminal back.
    public static func run(engine: Engine, colours: Bool) {
        let signals = TerminationSignals()

        let screen = Screen(colours: colours)
        defer { screen.end() }
        var viewport = EventsViewport()
        var showingHelp = false
        var lastFrame: Frame? = nil
        while !signals.stopRequested {
            let key = screen.readKey()
            if key == .quit { break }
            if showingHelp {
                // Any key closes the help (q still quits).
                if key != nil && key != .resize { showingHelp = false }
            } else if key == .help {
                showingHelp = true
            }
            let size = screen.size
            let paneRows = max(1, size.rows - 4)
            let held = engine.recentEvents.sequences
            switch key {
            case .up: viewport.scroll(by: -1, rows: paneRows, held: held)
            case .down: viewport.scroll(by: 1, rows: paneRows, held: held)
            case .pageUp: viewport.scroll(by: -paneRows, rows: paneRows, held: held)
            case .pageDown: viewport.scroll(by: paneRows, rows: paneRows, held: held)
            case .home: viewport.home(held: held)
            case .end: viewport.follow()
            case .pause: viewport.togglePause(rows: paneRows, held: held)
            default: break
            }
            let status = engine.status()
            let frame = Frame(
                generation: engine.recentEvents.generation, second: Int(Date().timeIntervalSince1970), rows: size.rows,
                columns: size.columns, received: status.received + status.kernelDrops, viewport: viewport,
                showingHelp: showingHelp)
            if frame == lastFrame, key != .resize { continue }
            lastFrame = frame
            draw(on: screen, status: status, events: engine.recentEvents, viewport: viewport, size: size)
            if showingHelp { drawHelp(on: screen, size: size) }
            screen.show()
        }
    }

    /// What a frame shows; nothing is drawn while it stays the same.
    private struct Frame: Equatable {
        var generation: UInt64
        var second: Int
        var rows: Int
        var columns: Int
        var received: Int
        var viewport: EventsViewport
        var showingHelp: Bool
    }

    /// The keys, in a box over the events.
    static let helpLines = [
        "eventsdash — keys",
        "",
        "↑ ↓  j k      scroll one line (pauses the view)",
        "PgUp PgDn     scroll one page",
        "g G  Home End oldest / newest (End follows again)",
        "Space         pause or follow",
        "? F1          this help",
        "q             quit (the engine stops with the dashboard)",
        "",
        "Colours: red problems, yellow limits crossed, green recoveries.",
        "Any key closes this help.",
    ]

    private static func drawHelp(on screen: Screen, size: (rows: Int, columns: Int)) {
        guard size.rows >= 6, size.columns >= 40 else { return }
        let width = min(size.columns - 4, (helpLines.map(Cell.width(of:)).max() ?? 0) + 4)
        let top = max(1, (size.rows - helpLines.count - 2) / 2)
        let left = max(0, (size.columns - width) / 2)
        let rule = String(repeating: "─", count: max(0, width - 2))
        screen.write("┌" + rule + "┐", row: top, column: left, style: .heading)
        for (index, line) in helpLines.enumerated() where top + 1 + index < size.rows - 1 {
            screen.write("│ " + Cell.fit(line, width - 4) + " │", row: top + 1 + index, column: left, bold: index == 0)
        }
        if top + 1 + helpLines.count < size.rows - 1 {
            screen.write("└" + rule + "┘", row: top + 1 + helpLines.count, column: left, style: .heading)
        }
    }

    private static func draw(
        on screen: Screen, status: EngineStatus, events: RecentEvents, viewport: EventsViewport,
        size: (rows: Int, columns: Int)
    ) {
        screen.erase()
        guard size.rows >= 6, size.columns >= 40 else {
            screen.write("too small: need 40×6", row: 0)
            return
        }
        let header = Header(status: status, now: Date())
        screen.write(Cell.fit(header.title, size.columns), row: 0, style: .bar, fill: true)
        screen.write(Cell.fit(header.figures, size.columns), row: 1)
        screen.write(Cell.fit(EventRow.header, size.columns), row: 2, style: .heading, bold: true)
        let paneRows = size.rows - 4
        if let held = events.sequences {
            let visible = events.entries(from: viewport.top(rows: paneRows, held: held), count: paneRows)
            for (index, entry) in visible.enumerated() {
                let row = EventRow(entry)
                screen.write(row.line(width: size.columns), row: 3 + index, style: style(for: row.severity))
            }
        } else {
            let hint = "  waiting for events on UDP \(status.listen.joined(separator: " ")) — try: eventsdash send VOLUME_CREATE name=test"
            screen.write(Cell.fit(hint, size.columns), row: 3)
        }
        drawKeyBar(on: screen, viewport: viewport, size: size)
    }

    private static func drawKeyBar(on screen: Screen, viewport: EventsViewport, size: (rows: Int, columns: Int)) {
        let mode = viewport.isPaused ? "PAUSED (End or Space: follow)" : "following"
        let hints = " q quit  ? help  ↑↓ j k  PgUp PgDn  g G  Space pause   events: \(mode)"
        screen.write(Cell.fit(hints, size.columns), row: size.rows - 1, style: .bar, fill: true)
    }

    private static func style(for severity: EventSeverity) -> Screen.Style {
        switch severity {
        case .problem: .problem
        case .warning: .warning
        case .recovery: .recovery
        case .info: .plain
        }
    }
}

/// The header's two lines: where events come from, and the live counters.
struct Header {
    var title: String
    var figures: String

    init(status: EngineStatus, now: Date) {
        let clock = EventRow.clock(millis: Int64(now.timeIntervalSince1970 * 1000))
        title = " eventsdash  UDP \(status.listen.joined(separator: " "))  node \(status.nodeID.prefix(8))  \(clock)"
        var figures =
            " received \(status.received)  accepted \(status.accepted)  rejected \(status.rejected)"
            + "  kernel drops \(status.kernelDrops)  last #\(status.lastSequence)"
        if !status.listenFailures.isEmpty { figures += "  ⚠ not listening: \(status.listenFailures.joined(separator: "; "))" }
        if let problem = status.problem { figures += "  ⚠ \(problem)" }
        self.figures = figures
    }
}
