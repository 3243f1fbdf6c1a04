import Foundation
import GlusterEvents

/// `@` in the events: a time to jump to, typed in the key bar (`14:02`, `-10m`, `yesterday
/// 18:00`, `2026-11-30T14:02`). Enter selects the first event received at or after it, pausing
/// the view there; a time that does not parse, or that no event is at or after, keeps the prompt
/// open with why.
struct JumpPrompt: Overlay, Equatable {
    var editor = LineEditor("")

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch key {
        case .escape: return [.close]
        case .enter:
            let time: TimeExpression
            do {
                time = try TimeExpression(parsing: editor.string)
            } catch {
                return [.say(error.description, isError: true)]
            }
            let seconds = time.seconds(now: context.now, timeZone: .current)
            guard let sequence = context.firstEventReceived(seconds.saturatingMultiplied(by: 1000)) else {
                return [.say("no event at or after \(time) — the newest is older", isError: true)]
            }
            return [.close, .jump(to: sequence), .say("at \(time): #\(sequence)")]
        default:
            _ = editor.handle(key)
            return []
        }
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        PromptBar(
            label: " jump to @ ", hint: "  14:02 · -10m · yesterday 18:00 · 2026-11-30T14:02 · Enter jump · Esc cancel",
            fieldWidth: 24, hintColumn: 18
        ).draw(on: bar, editor: editor, message: message)
    }
}
