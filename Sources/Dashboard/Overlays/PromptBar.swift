import GlusterEvents

/// A prompt in the key bar: a label, the text being typed (with the cursor), then a hint — or,
/// once Enter refused the text, why (in the problem colour). What the prompts share.
struct PromptBar {
    /// Escaped already (it may hold outside text).
    let label: String
    let hint: String
    /// Columns the typed text may take before it scrolls.
    let fieldWidth: Int
    /// Where the hint starts at the least, after the label.
    var hintColumn = 0

    /// Draws the prompt; true (the key bar is taken).
    func draw(on bar: any Surface, editor: LineEditor, message: (text: String, isError: Bool)?) -> Bool {
        let columns = bar.size.columns
        let labelWidth = min(Cell.width(of: label), columns / 2)
        let (text, cursor) = editor.visible(width: fieldWidth)
        bar.write(Cell.fit(label, labelWidth), row: 0, style: .bar, .bold)
        bar.write(text, row: 0, column: labelWidth, fill: true)
        let said = message.map { $0.isError ? "  ⚠ " + $0.text : "" } ?? hint
        let at = min(columns - 1, labelWidth + max(Cell.width(of: text) + 1, hintColumn))
        bar.write(
            Cell.fit(TerminalText.escaped(said), max(0, columns - at)), row: 0, column: at,
            style: message?.isError == true ? .problem : .muted)
        bar.showCursor(row: 0, column: labelWidth + cursor)
        return true
    }
}
