import GlusterEvents

/// One line of text being typed, with a cursor: readline's everyday keys (←→, Home/End, Ctrl-A/E,
/// Backspace/Delete, Ctrl-U clears, Ctrl-W deletes a word). Secrets are shown masked.
struct LineEditor: Equatable {
    private(set) var text: [Character]
    /// Where the next character goes, 0...text.count.
    private(set) var cursor: Int
    /// Show `•` for every character (tokens, secrets).
    var masked: Bool
    /// Whether anything was typed or deleted (an untouched field can mean "keep what is there").
    private(set) var edited = false

    init(_ text: String = "", masked: Bool = false) {
        self.text = Array(text)
        cursor = self.text.count
        self.masked = masked
    }

    var string: String { String(text) }

    /// Applies an editing key; false for keys it does not use (Enter, Esc, Tab…).
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            text.insert(character, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            guard cursor > 0 else { return true }
            text.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < text.count else { return true }
            text.remove(at: cursor)
        case .left, .control("b"): cursor = max(0, cursor - 1); return true
        case .right, .control("f"): cursor = min(text.count, cursor + 1); return true
        case .home, .control("a"): cursor = 0; return true
        case .end, .control("e"): cursor = text.count; return true
        case .control("u"):
            text.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            text.removeSubrange(cursor...)
        case .control("w"):
            var start = cursor
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        edited = true
        return true
    }

    /// What to draw in `width` columns, and the cursor's column in it: the text scrolls so the
    /// cursor stays visible.
    func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let shown = masked ? Array(repeating: "•", count: text.count) : text.map { TerminalText.escaped(String($0)) }
        let widths = shown.map(Cell.width(of:))
        var start = 0
        var used = widths[0..<cursor].reduce(0, +)
        while used > width - 1, start < cursor {
            used -= widths[start]
            start += 1
        }
        var end = start
        var total = 0
        while end < shown.count, total + widths[end] <= width - 1 || end < cursor {
            total += widths[end]
            end += 1
        }
        return (shown[start..<end].joined(), used)
    }
}
