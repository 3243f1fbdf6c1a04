import ClusterHealth
import GlusterEvents

/// The health pane's columns in a given width: the problem and its notes share what the fixed
/// columns leave: the problem first (no wider than the longest needs, leaving the notes at least
/// a third), the notes after it, cut at the edge.
struct ProblemColumns {
    let width: Int
    private let problemWidth: Int
    private static let severityWidth = 8
    /// The fixed columns; under 100 columns narrower, so that a brick's host keeps its place.
    private let fixed: [(title: String, width: Int)]

    init(width: Int, longestProblem: Int, longestNotes: Int) {
        self.width = width
        fixed = width < 100 ? [("VOLUME", 8), ("SINCE", 4), ("FLAPS", 6)] : [("VOLUME", 10), ("SINCE", 5), ("FLAPS", 11)]
        let flexible = width - 2 - Self.severityWidth - fixed.reduce(0) { $0 + $1.width + 1 } - 1
        problemWidth = max(16, min(longestProblem, flexible - min(longestNotes, flexible / 3)))
    }

    var header: String {
        Cell.fit(
            " " + Cell.fit("SEVERITY", Self.severityWidth) + " " + Cell.fit("PROBLEM", problemWidth) + " "
                + fixed.map { Cell.fit($0.title, $0.width) }.joined(separator: " ") + " NOTES", width)
    }

    /// A problem's row: its severity word (coloured apart), then the rest (the notes cut at the edge).
    func row(_ problem: HealthReport.Problem, now: Double) -> (severity: String, rest: String) {
        let flaps = problem.flapping ? "\(problem.flaps) flapping" : problem.flaps > 1 ? "\(problem.flaps)" : ""
        let values = [problem.entity.volume ?? "", DashboardFormat.age(since: problem.since, now: now), flaps]
        let fixed = zip(values, fixed).map { value, column in Cell.fit(TerminalText.escaped(value), column.width) }
        let rest =
            Self.fitted(problem, problemWidth) + " " + fixed.joined(separator: " ") + " "
            + TerminalText.escaped(Self.notes(problem, now: now))
        return (
            " " + Cell.fit(problem.severity.rawValue, Self.severityWidth) + " ",
            Cell.fit(rest, max(0, width - Self.severityWidth - 2))
        )
    }

    /// The problem's words in `width` columns: a brick's keeps its host whole and loses the middle
    /// of its path (`brick down: gluster-node-07.example.com:/srv/…/brick1`, or its end alone where
    /// the room is short: `…brick1`); others lose their middle.
    static func fitted(_ problem: HealthReport.Problem, _ width: Int) -> String {
        let text = TerminalText.escaped(words(problem))
        guard Cell.width(of: text) > width, let host = problem.entity["peer"], problem.entity["brick"] != nil else {
            return Cell.fitMiddle(text, width)
        }
        let kept = TerminalText.escaped("\(problem.id.kind.words): \(host):")
        let room = width - Cell.width(of: kept)
        guard room >= 2, text.hasPrefix(kept) else { return Cell.fitMiddle(text, width) }
        let path = String(text.dropFirst(kept.count))
        // room for both ends of the path, or for its end (the brick's own folder)
        return kept + (room >= 16 ? Cell.fitMiddle(path, room) : Cell.fit(path, room, keepingEnd: true))
    }

    /// `brick down: vm:/bricks/gv0/b1` (the volume has a column of its own).
    static func words(_ problem: HealthReport.Problem) -> String { "\(problem.id.kind.words): \(problem.entity.label)" }

    /// What else to know: `muted until 14:05 · up now · worse (3 this hour) · found by gluster CLI`.
    static func notes(_ problem: HealthReport.Problem, now: Double) -> String {
        var notes: [String] = []
        if let until = problem.mutedUntil { notes.append("muted until \(DashboardFormat.until(until, now: now))") }
        if !problem.isOpen { notes.append("up now") }
        if problem.gettingWorse { notes.append("worse (\(problem.openedInTrendWindow) this hour)") }
        if problem.reconciled { notes.append("found by gluster CLI") }
        if problem.unverified { notes.append("unverified: gluster does not list it") }
        return notes.joined(separator: " · ")
    }
}
