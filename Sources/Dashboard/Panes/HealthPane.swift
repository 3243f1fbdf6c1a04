import ClusterHealth
import GlusterEvents

/// What is wrong with the cluster now: the open (and flapping) problems, worst first, each with
/// its severity in colour, the volume, since when, how often it flapped and what else to know
/// (muted, getting worse, found by the gluster CLI). The keys mute, unmute and acknowledge the
/// selected problem; Enter shows its entity's events in the events pane.
struct HealthPane: Pane {
    /// The selected problem; nil: the first (the worst).
    var selected: ProblemID?
    /// The selected problem's row, for when it closes: the problem that takes its place is selected.
    var selectedRow = 0

    /// The selected problem's index in `problems`.
    func selection(in problems: [HealthReport.Problem]) -> Int? {
        guard !problems.isEmpty else { return nil }
        if let selected, let index = problems.firstIndex(where: { $0.id == selected }) { return index }
        return min(selectedRow, problems.count - 1)
    }

    func title(_ frame: Frame) -> PaneTitle {
        let report = frame.data.health
        guard !report.problems.isEmpty else { return PaneTitle(text: "HEALTH  \(report.status.word)  no open problem") }
        let muted = report.problems.count(where: \.muted)
        let flapping = report.problems.count(where: \.flapping)
        var text = "HEALTH  \(report.status.word)  \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")"
        if muted > 0 { text += ", \(muted) muted" }
        if flapping > 0 { text += ", \(flapping) flapping" }
        return PaneTitle(text: text, right: "worst first ")
    }

    /// Column names, then the problems in view, the selected one highlighted while focused.
    func draw(on surface: any Surface, focused: Bool, _ frame: Frame) {
        let (height, width) = (surface.size.rows - 1, surface.size.columns)
        let problems = frame.data.health.problems
        let now = frame.data.now.timeIntervalSince1970
        guard let selected = selection(in: problems) else {
            surface.write(Cell.fit("  no open problem", width), row: 0, style: .muted)
            return
        }
        let columns = ProblemColumns(
            width: width,
            longestProblem: problems.map { Cell.width(of: TerminalText.escaped(ProblemColumns.words($0))) }.max() ?? 0,
            longestNotes: problems.map { Cell.width(of: ProblemColumns.notes($0, now: now)) }.max() ?? 0)
        surface.write(columns.header, row: 0, style: .heading, .bold)
        let first = max(0, min(selected - height + 1, problems.count - height))
        for (offset, problem) in problems.dropFirst(first).prefix(height).enumerated() {
            let row = columns.row(problem, now: now)
            let highlight: TextAttributes = focused && first + offset == selected ? [.reverse] : []
            let severity: Style = problem.muted ? .muted : problem.severity == .critical ? .problem : .warning
            surface.write(row.severity, row: 1 + offset, style: severity, highlight.union(problem.muted ? [] : .bold))
            surface.write(row.rest, row: 1 + offset, column: Cell.width(of: row.severity), style: problem.muted ? .muted : .plain, highlight)
        }
    }

    func keyHints() -> String { "Enter its events  m mute  u unmute  a acknowledge  H history  ↑↓ select" }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        let problems = context.problems
        let index = selection(in: problems)
        let last = max(0, problems.count - 1)
        switch key {
        case .up, .character("k"): select(max(0, (index ?? 0) - 1), in: problems)
        case .down, .character("j"): select(min(last, (index ?? 0) + 1), in: problems)
        case .home, .character("g"): select(0, in: problems)
        case .end, .character("G"): select(last, in: problems)
        case .enter, .character("m"), .character("u"), .character("a"):
            guard let index else { return [.say("no open problem", isError: true)] }
            return act(on: problems[index], key)
        case .character("H"): return [.open(ProblemHistoryView())]
        default: return [.unknownKey(key)]
        }
        return []
    }

    /// The wheel moves the selection; a click selects a row, a double click shows its events.
    mutating func handle(_ mouse: MouseAction, _ context: KeyContext) -> [Reaction] {
        let problems = context.problems
        let index = selection(in: problems) ?? 0
        switch mouse {
        case .wheelUp: select(max(0, index - 1), in: problems)
        case .wheelDown: select(min(max(0, problems.count - 1), index + 1), in: problems)
        case .click(let row, _), .doubleClick(let row, _):
            // Row 0 holds the column names; the list scrolls as `draw` places it.
            let height = max(1, context.area.height - 1)
            let first = max(0, min(index - height + 1, problems.count - height))
            guard row >= 1, first + row - 1 < problems.count else { return [] }
            select(first + row - 1, in: problems)
            if case .doubleClick = mouse { return handle(.enter, context) }
        }
        return []
    }

    private mutating func select(_ index: Int, in problems: [HealthReport.Problem]) {
        selectedRow = index
        selected = problems.indices.contains(index) ? problems[index].id : nil
    }

    private func act(on problem: HealthReport.Problem, _ key: Key) -> [Reaction] {
        switch key {
        case .character("m"): return [.open(MutePrompt(problem.id))]
        case .character("u"):
            guard problem.muted else { return [.say("\(problem.id) is not muted")] }
            return [.command(.decide(.unmute(problem.id)))]
        case .character("a"): return [.open(AcknowledgeQuestion(problem: problem.id, words: ProblemColumns.words(problem)))]
        default:
            guard let filter = EventFilter(eventsOf: problem) else {
                return [.say("\(problem.id) names nothing to filter the events on", isError: true)]
            }
            return [.filter(filter)]
        }
    }
}
