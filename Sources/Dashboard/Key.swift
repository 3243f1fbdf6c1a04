/// A key press or mouse action, as the screen reads it; what it does depends on where the user is
/// (see `DashboardState`), so this names keys, not actions.
enum Key: Equatable {
    case character(Character)
    /// Ctrl plus a letter, e.g. `.control("u")` for Ctrl-U.
    case control(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    case resize
    case mouse(MouseAction)
    case other
}

extension Key {
    /// The key as the help names it (`x`, `Ctrl-U`, `←`, `F5`), for "unknown key" hints; nil for
    /// what has no name (a key the screen could not read, the mouse, a resize).
    var name: String? {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let character): "Ctrl-" + character.uppercased()
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .escape: "Esc"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let number): "F\(number)"
        case .resize, .mouse, .other: nil
        }
    }
}

/// What the mouse did, at a screen position.
enum MouseAction: Equatable {
    case wheelUp(row: Int, column: Int)
    case wheelDown(row: Int, column: Int)
    case click(row: Int, column: Int)
    case doubleClick(row: Int, column: Int)
}

extension MouseAction {
    var position: (row: Int, column: Int) {
        switch self {
        case .wheelUp(let row, let column), .wheelDown(let row, let column), .click(let row, let column),
            .doubleClick(let row, let column):
            (row, column)
        }
    }

    /// The same action with its position counted from `region`'s top left corner.
    func relative(to region: Region) -> MouseAction {
        let (row, column) = (position.row - region.top, position.column - region.left)
        return switch self {
        case .wheelUp: .wheelUp(row: row, column: column)
        case .wheelDown: .wheelDown(row: row, column: column)
        case .click: .click(row: row, column: column)
        case .doubleClick: .doubleClick(row: row, column: column)
        }
    }
}
