import GlusterEvents

/// A region of another surface, with coordinates of its own: what is written past its edges is
/// cut off, so a pane cannot draw over its neighbours.
struct ClippedSurface: Surface {
    let base: any Surface
    let region: Region

    var size: (rows: Int, columns: Int) { (region.height, region.width) }

    func put(_ text: String, row: Int, column: Int, style: Style, attributes: TextAttributes) {
        guard (0..<region.height).contains(row), (0..<region.width).contains(column) else { return }
        // Escaped before it is cut: an escape makes the text wider.
        let line = Cell.clip(TerminalText.escaped(text), region.width - column)
        base.put(line, row: region.top + row, column: region.left + column, style: style, attributes: attributes)
    }

    func showCursor(row: Int, column: Int) {
        base.showCursor(row: region.top + row, column: region.left + column)
    }
}
