/// The webhook form in a box over the panes: its fields, why saving failed, and its keys.
extension WebhookForm: Overlay {
    var hidesPanes: Bool { false }
    var keyHints: String? { " Ctrl-S save  Tab/↑↓ next field  Enter next (saves a URL alone, or on the last field)  Esc cancel" }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch handle(key) {
        case .editing: []
        case .cancel: [.close]
        // The form stays open until the app has saved it (`DashboardState.showFormError` otherwise).
        case .submit(let submission): [.command(.saveWebhook(submission))]
        }
    }

    func draw(on surface: any Surface, _ frame: Frame) {
        let (rows, columns) = surface.size
        let labelWidth = 16
        let width = min(columns - 4, 84)
        let fieldWidth = width - labelWidth - 5
        // A blank row between fields where the terminal has the room (18 rows at least: one row each).
        let spacing = rows >= 2 * Field.allCases.count + 9 ? 2 : 1
        // Blank lines for the fields (drawn over the box below), then the error or a note, and the keys.
        var lines = Array(repeating: ("", Style.plain), count: spacing + Field.allCases.count * spacing)
        lines.append(
            error.map { ("⚠ " + $0, .problem) } ?? ("Tokens and secrets are stored in the webhooks file and never shown.", .muted))
        lines.append(("Ctrl-S: save  Enter: next (saves a URL alone)  Tab ↑↓: move  Esc: cancel", .muted))
        lines.append((String(repeating: " ", count: width - 4), .plain))
        Box(lines: lines.map { (text: $0.0, style: $0.1) }, title: title).draw(on: surface)

        let top = max(1, (rows - lines.count - 2) / 2)
        let left = max(0, (columns - width) / 2) + 2
        var cursor: (row: Int, column: Int)? = nil
        for (index, field) in Field.allCases.enumerated() {
            let row = top + spacing + index * spacing
            let editable = editableFields.contains(field)
            let focused = field == self.focused
            surface.write(
                Cell.fit(field.label, labelWidth), row: row, column: left, style: focused ? .heading : .plain,
                focused ? .bold : [])
            let editor = self.editor(field)
            let fieldLeft = left + labelWidth + 1
            if editor.string.isEmpty {
                surface.write(
                    Cell.fit(placeholder(field), fieldWidth), row: row, column: fieldLeft, style: .muted,
                    editable ? .underline : [])
                if focused { cursor = (row, fieldLeft) }
            } else {
                let (text, column) = editor.visible(width: fieldWidth)
                surface.write(Cell.fit(text, fieldWidth), row: row, column: fieldLeft, editable ? .underline : [])
                if focused { cursor = (row, fieldLeft + column) }
            }
        }
        if let cursor { surface.showCursor(row: cursor.row, column: cursor.column) }
    }
}
