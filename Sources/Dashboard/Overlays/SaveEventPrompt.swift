import GlusterEvents

/// `w` in an event's view: the file to write its webhook JSON to, typed in the key bar
/// (`./event-<seq>.json` to start with). An existing file is not overwritten unless asked: then
/// the key bar asks, y overwrites, another key goes back to the name.
struct SaveEventPrompt: Overlay {
    let sequence: UInt64
    var editor: LineEditor
    /// The file named exists (its full path): the prompt asks whether to overwrite it.
    var existing: String?
    /// The event's view, open again once the prompt is done.
    var returnTo: EventDetailView?

    init(sequence: UInt64, path: String? = nil, existing: String? = nil, returnTo: EventDetailView? = nil) {
        self.sequence = sequence
        editor = LineEditor(path ?? EventFile.defaultPath(sequence: sequence))
        self.existing = existing
        self.returnTo = returnTo
    }

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        let back: Reaction = returnTo.map { .open($0) } ?? .close
        if let existing {
            switch key {
            case .character("y"), .character("Y"):
                return [back, .command(.saveEvent(sequence: sequence, path: editor.string, overwrite: true))]
            case .escape: return [back, .say("not written: \(existing) exists")]
            default:
                self.existing = nil  // back to the name, to choose another
                return []
            }
        }
        switch key {
        case .escape: return [back, .say("not written")]
        case .enter: return [back, .command(.saveEvent(sequence: sequence, path: editor.string, overwrite: false))]
        default:
            _ = editor.handle(key)
            return []
        }
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        let columns = bar.size.columns
        if let existing {
            bar.write(
                Cell.fit(" \(TerminalText.escaped(existing)) exists.  y: overwrite it   Esc: cancel   any other key: another name", columns),
                row: 0, style: .warning, [.bold, .reverse], fill: true)
            return true
        }
        let label = " write event #\(sequence)'s JSON to: "
        let hint = "  Enter write · Esc cancel"
        let labelWidth = min(Cell.width(of: label), columns / 2)
        let fieldWidth = max(8, columns - labelWidth - Cell.width(of: hint) - 1)
        return PromptBar(label: label, hint: hint, fieldWidth: fieldWidth, hintColumn: fieldWidth + 1)
            .draw(on: bar, editor: editor, message: message)
    }
}
