import ClusterHealth
import GlusterEvents

/// `m` in the health pane: for how long to mute the problem, typed in the key bar (1h to start
/// with). Enter mutes; Esc leaves it as it was; a duration that does not parse keeps the prompt
/// open with why.
struct MutePrompt: Overlay, Equatable {
    let problem: ProblemID
    var editor = LineEditor(MuteDuration.default.description)

    init(_ problem: ProblemID) { self.problem = problem }

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch key {
        case .escape: return [.close, .say("not muted")]
        case .enter:
            do {
                let duration = try MuteDuration(parsing: editor.string)
                return [.close, .command(.decide(.mute(problem, seconds: duration.seconds)))]
            } catch {
                return [.say(error.description, isError: true)]
            }
        default:
            _ = editor.handle(key)
            return []
        }
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        let columns = bar.size.columns
        let label = " mute \(TerminalText.escaped(problem.description)) for: "
        let labelWidth = min(Cell.width(of: label), columns / 2)
        let hint = message.map { $0.isError ? "  ⚠ " + $0.text : "" } ?? "  30m 2h 1d · Enter mute · Esc cancel"
        let (text, cursor) = editor.visible(width: 12)
        bar.write(Cell.fit(label, labelWidth), row: 0, style: .bar, .bold)
        bar.write(text, row: 0, column: labelWidth, fill: true)
        let at = labelWidth + max(Cell.width(of: text) + 1, 6)
        bar.write(Cell.fit(TerminalText.escaped(hint), columns - at), row: 0, column: at, style: message?.isError == true ? .problem : .muted)
        bar.showCursor(row: 0, column: labelWidth + cursor)
        return true
    }
}
