import GlusterEvents

/// `/`: a filter for the events pane, typed in the key bar. Enter applies it (empty: every event),
/// Esc leaves the filter as it was; a filter that does not parse keeps the prompt open with why.
struct FilterPrompt: Overlay, Equatable {
    var editor: LineEditor

    /// Starts from `text`, the filter in force.
    init(_ text: String) { editor = LineEditor(text) }

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch key {
        case .escape:
            return [.close]
        case .enter:
            let text = editor.string.trimmingWhitespace()
            if text.isEmpty { return [.filter(nil), .close] }
            do {
                return [.filter(try EventFilter(parsing: text)), .close]
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
        let label = " filter: "
        let (text, cursor) = editor.visible(width: columns - Cell.width(of: label) - 1)
        bar.write(label, row: 0, style: .bar, .bold)
        bar.write(text, row: 0, column: Cell.width(of: label), fill: true)
        if let message, message.isError {
            let hint = "  ⚠ " + message.text
            let at = min(columns - 1, Cell.width(of: label) + Cell.width(of: text) + 1)
            bar.write(Cell.fit(hint, columns - at), row: 0, column: at, style: .problem)
        }
        bar.showCursor(row: 0, column: Cell.width(of: label) + cursor)
        return true
    }
}
