/// A config value typed in place, in its row of the config pane: Enter saves a value that
/// `config-set` would take, Esc cancels.
struct ConfigEditor: Equatable {
    let item: ConfigItem
    var line: LineEditor

    init(_ item: ConfigItem, text: String) {
        self.item = item
        line = LineEditor(text)
    }

    static let keyHints = "Enter save  Esc cancel  ←→ Home End move  Ctrl-U clear"

    enum Outcome: Equatable {
        case editing
        case cancel
        /// Enter on a value that is refused, with why (the editor stays open).
        case refused(String)
        case save(String)
    }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .cancel
        case .enter:
            if case .failure(let problem) = item.setting(from: line.string) { return .refused(problem.description) }
            return .save(line.string)
        default:
            _ = line.handle(key)
            return .editing
        }
    }

    /// Draws the row being edited: `label` bold, the value underlined with the cursor in it.
    func draw(on surface: any Surface, row: Int, label: String) {
        let labelWidth = Cell.width(of: label)
        let valueWidth = surface.size.columns - labelWidth
        surface.write(label, row: row, .bold)
        let (text, cursor) = line.visible(width: valueWidth)
        surface.write(Cell.fit(text, valueWidth), row: row, column: labelWidth, .underline)
        surface.showCursor(row: row, column: labelWidth + cursor)
    }
}
