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
        let columns = bar.size.columns
        let label = " jump to @ "
        let hint = message.map { $0.isError ? "  ⚠ " + $0.text : "" } ?? "  14:02 · -10m · yesterday 18:00 · 2026-11-30T14:02 · Enter jump · Esc cancel"
        let (text, cursor) = editor.visible(width: 24)
        bar.write(label, row: 0, style: .bar, .bold)
        let labelWidth = Cell.width(of: label)
        bar.write(text, row: 0, column: labelWidth, fill: true)
        let at = labelWidth + max(Cell.width(of: text) + 1, 18)
        bar.write(Cell.fit(TerminalText.escaped(hint), columns - at), row: 0, column: at, style: message?.isError == true ? .problem : .muted)
        bar.showCursor(row: 0, column: labelWidth + cursor)
        return true
    }
}
