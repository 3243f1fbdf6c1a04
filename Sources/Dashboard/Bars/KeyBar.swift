import Foundation
import GlusterEvents

/// The bottom row: an overlay's own (a prompt, a question), else the message while it is fresh,
/// else the keys — the open overlay's, or the focused pane's after those every pane shares.
enum KeyBar {
    static let sharedKeys = " q quit  ? help  Tab pane  "

    static func draw(on bar: any Surface, state: DashboardState, now: Date) {
        let columns = bar.size.columns
        let message = state.currentMessage(now: now)
        if let overlay = state.overlay, overlay.drawKeyBar(on: bar, message: message) { return }
        if let message {
            bar.write(
                Cell.fit(" " + TerminalText.escaped(message.text), columns), row: 0, style: message.isError ? .problem : .bar,
                message.isError ? [.bold, .reverse] : [], fill: true)
            return
        }
        bar.write(Cell.fit(hints(state), columns), row: 0, style: .bar, fill: true)
    }

    static func hints(_ state: DashboardState) -> String {
        if let hints = state.overlay?.keyHints { return hints }
        let pane = state.focusedPane
        return (pane.isTyping ? " " : sharedKeys) + pane.keyHints()
    }
}
