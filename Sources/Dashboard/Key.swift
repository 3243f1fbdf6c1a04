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

/// What the mouse did, at a screen position.
enum MouseAction: Equatable {
    case wheelUp(row: Int, column: Int)
    case wheelDown(row: Int, column: Int)
    case click(row: Int, column: Int)
    case doubleClick(row: Int, column: Int)
}
