import GlusterEvents

/// `/`: a filter for the events pane, or `s`: a search in it, typed in the key bar in the same
/// words (`EventFilter`). Enter applies it (empty: every event, or no search), Esc leaves things
/// as they were; words that do not parse keep the prompt open with why.
struct FilterPrompt: Overlay, Equatable {
    enum Purpose: Equatable {
        /// Shows only the matching events.
        case filter
        /// Highlights the matching events and jumps between them (n, N); hides nothing.
        case search
    }

    var editor: LineEditor
    let purpose: Purpose

    /// Starts from `text`, the filter (or search) in force.
    init(_ text: String, purpose: Purpose = .filter) {
        editor = LineEditor(text)
        self.purpose = purpose
    }

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch key {
        case .escape:
            return [.close]
        case .enter:
            let text = editor.string.trimmingWhitespace()
            let chosen: EventFilter?
            do {
                chosen = text.isEmpty ? nil : try EventFilter(parsing: text)
            } catch {
                return [.say(error.description, isError: true)]
            }
            return [purpose == .filter ? .filter(chosen) : .search(chosen), .close]
        default:
            _ = editor.handle(key)
            return []
        }
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        let label = purpose == .filter ? " filter: " : " search: "
        return PromptBar(label: label, hint: "", fieldWidth: bar.size.columns - Cell.width(of: label) - 1)
            .draw(on: bar, editor: editor, message: message)
    }
}
