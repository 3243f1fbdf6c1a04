/// Colours, by what they mean (the terminal's colour pairs are numbered by them).
enum Style: Int16 {
    case plain = 0
    case problem = 1
    case warning = 2
    case recovery = 3
    case bar = 4
    case heading = 5
    case muted = 6
}

struct TextAttributes: OptionSet {
    let rawValue: Int
    static let bold = TextAttributes(rawValue: 1)
    static let reverse = TextAttributes(rawValue: 2)
    static let underline = TextAttributes(rawValue: 4)
}

/// Where the dashboard draws: the terminal (`Screen`, the only curses user) or, in tests, text in
/// memory. Rows and columns count from the surface's top left corner.
protocol Surface {
    var size: (rows: Int, columns: Int) { get }
    /// Puts one line of `text` at a row and column. Control characters never reach the terminal:
    /// a surface escapes what a caller forgot to.
    func put(_ text: String, row: Int, column: Int, style: Style, attributes: TextAttributes)
    /// Shows the text cursor at a place (while a field is being typed in).
    func showCursor(row: Int, column: Int)
}

extension Surface {
    /// Writes `text` at a row and column; with `fill`, spaces in its style to the end of the line.
    func write(
        _ text: String, row: Int, column: Int = 0, style: Style = .plain, _ attributes: TextAttributes = [],
        fill: Bool = false
    ) {
        let padding = fill ? String(repeating: " ", count: max(0, size.columns - column - Cell.width(of: text))) : ""
        put(text + padding, row: row, column: column, style: style, attributes: attributes)
    }

    /// The part of this surface in `region`, with coordinates of its own.
    func clipped(to region: Region) -> any Surface { ClippedSurface(base: self, region: region) }
}
