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
        let stop = Atomic<Bool>(false)
        let signalSources = [SIGINT, SIGTERM, SIGHUP].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.store(true, ordering: .relaxed) }
            source.resume()
            return source
        }
        defer { signalSources.forEach { $0.cancel() } }

        let screen = Screen(colours: colours)
        defer { screen.end() }
        var lastFrame: (generation: UInt64, second: Int, rows: Int, columns: Int, received: Int)? = nil
        while !stop.load(ordering: .relaxed) {
            let key = screen.readKey()
            if key == .quit { break }
            let status = engine.status()
            let size = screen.size
            let frame = (
                engine.recentEvents.generation, Int(Date().timeIntervalSince1970), size.rows, size.columns,
                status.received + status.kernelDrops
            )
            if let last = lastFrame, last == frame, key != .resize { continue }
            lastFrame = frame
            draw(on: screen, status: status, events: engine.recentEvents, size: size)
        }
    }

    private static func draw(on screen: Screen, status: EngineStatus, events: RecentEvents, size: (rows: Int, columns: Int)) {
        screen.erase()
        guard size.rows >= 6, size.columns >= 40 else {
            screen.write("too small: need 40×6", row: 0)
            screen.show()
            return
        }
        let header = Header(status: status, now: Date())
        screen.write(Cell.fit(header.title, size.columns), row: 0, style: .bar, fill: true)
        screen.write(Cell.fit(header.figures, size.columns), row: 1)
        screen.write(Cell.fit(EventRow.header, size.columns), row: 2, style: .heading, bold: true)
        let paneRows = size.rows - 4
        for (index, entry) in events.newest(paneRows).enumerated() {
            let row = EventRow(entry)
            screen.write(row.line(width: size.columns), row: 3 + index, style: style(for: row.severity))
        }
        screen.write(Cell.fit(" q quit", size.columns), row: size.rows - 1, style: .bar, fill: true)
        screen.show()
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
