/// A pane's (or a view's) title row: its name and state on the left, figures on the right; bold
/// and coloured, with a ▶, when it has the focus.
struct PaneTitle {
    var text: String
    var right = ""

    /// Draws the title on the first row of `surface`.
    func draw(on surface: any Surface, focused: Bool) {
        let width = surface.size.columns
        let rightWidth = min(Cell.width(of: right), max(0, width - 12))
        let left = Cell.fit((focused ? "▶ " : "  ") + text, width - rightWidth)
        surface.write(left + Cell.fit(right, rightWidth), row: 0, style: focused ? .bar : .heading, focused ? .bold : [])
    }
}
