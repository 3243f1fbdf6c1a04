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
        PromptBar(
            label: " mute \(TerminalText.escaped(problem.description)) for: ", hint: "  30m 2h 1d · Enter mute · Esc cancel",
            fieldWidth: 12, hintColumn: 6
        ).draw(on: bar, editor: editor, message: message)
    }
}
