import ClusterHealth
import EventsEngine
import Foundation
import GlusterEvents

/// `H` in the health pane: the problems resolved, newest first, as the engine keeps them in
/// `health-history.jsonl` — when each opened and closed, for how long, what found it and what
/// closed it. Read again once a second while open.
struct ProblemHistoryView: Overlay {
    var scroll = ScrollPosition()
    private var entries: [ResolvedProblem] = []
    private var readAt: Date?

    var hidesPanes: Bool { true }
    var keyHints: String? { " Esc back  ↑↓ PgUp PgDn scroll  g G newest, oldest  ? help  q quit" }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        if scroll.handle(key, page: max(1, (context.layout?.rows ?? 24) - 6)) { return [] }
        switch key {
        case .character("q"): return [.command(.quit)]
        case .escape, .backspace, .left, .character("h"), .character("H"): return [.close]
        case .character("?"), .function(1): return [.open(HelpOverlay())]
        default: return [.unknownKey(key)]
        }
    }

    mutating func fit(to frame: Frame) {
        if readAt.map({ frame.data.now.timeIntervalSince($0) >= 1 || frame.data.now < $0 }) ?? true {
            entries = HealthHistoryFile(path: frame.data.files.healthHistoryFile).read().reversed()
            readAt = frame.data.now
        }
        scroll.fit(rows: entries.count, visible: frame.layout.content.height - 2)
    }

    func draw(on surface: any Surface, _ frame: Frame) {
        let area = surface.clipped(to: frame.layout.content)
        let (height, width) = area.size
        PaneTitle(text: "HEALTH HISTORY  \(DashboardFormat.count(entries.count)) resolved, newest first", right: "Esc back ")
            .draw(on: area, focused: true)
        area.write(Cell.fit(" " + Self.row(closed: "CLOSED", opened: "OPENED", lasted: "FOR", severity: "SEVERITY", how: "FOUND/CLOSED BY", problem: "PROBLEM"), width), row: 1, style: .heading, .bold)
        guard !entries.isEmpty else {
            area.write(Cell.fit("  nothing resolved yet (the engine keeps what closes while it runs)", width), row: 2, style: .muted)
            return
        }
        let now = frame.data.now.timeIntervalSince1970
        for (offset, problem) in entries.dropFirst(scroll.top).prefix(max(0, height - 2)).enumerated() {
            let text = Self.row(
                closed: DashboardFormat.clock(millis: Int64(problem.closed) * 1000) + (now - problem.closed >= 86_400 ? " " + DashboardFormat.age(since: problem.closed, now: now) : ""),
                opened: DashboardFormat.clock(millis: Int64(problem.opened) * 1000), lasted: DashboardFormat.age(clamping: problem.duration),
                severity: problem.severity.rawValue, how: "\(problem.openedBy.rawValue) / \(problem.closedBy.rawValue)",
                problem: TerminalText.escaped(problem.summary))
            area.write(Cell.fit(" " + text, width), row: 2 + offset, style: problem.severity == .critical ? .problem : .warning)
        }
    }

    static func row(closed: String, opened: String, lasted: String, severity: String, how: String, problem: String) -> String {
        Cell.fit(closed, 12) + " " + Cell.fit(opened, 8) + " " + Cell.fit(lasted, 6) + " " + Cell.fit(severity, 8) + " " + Cell.fit(how, 22) + " " + problem
    }
}
