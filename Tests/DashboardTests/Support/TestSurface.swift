@testable import Dashboard
import Foundation

/// A terminal in memory for drawing tests: what was drawn, cell by cell, with each cell's style,
/// read back as text. As in curses, a wide character takes two cells and what passes the right
/// edge is lost; unlike curses, it keeps any text that arrived with control characters in it
/// (a surface must never be handed one).
final class TestSurface: Surface {
    struct Written {
        var text = " "
        var style = Style.plain
        var attributes: TextAttributes = []
    }

    let size: (rows: Int, columns: Int)
    private var cells: [[Written]]
    private(set) var cursor: (row: Int, column: Int)?
    /// Texts that arrived with control characters.
    private(set) var unescaped: [String] = []

    init(rows: Int, columns: Int) {
        setlocale(LC_CTYPE, "C.UTF-8")  // as the dashboard does before measuring widths
        size = (rows, columns)
        cells = Array(repeating: Array(repeating: Written(), count: columns), count: rows)
    }

    func put(_ text: String, row: Int, column: Int, style: Style, attributes: TextAttributes) {
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { unescaped.append(text) }
        guard (0..<size.rows).contains(row), column >= 0 else { return }
        var column = column
        for scalar in text.unicodeScalars {
            let width = Cell.width(of: String(scalar))
            guard width > 0 else {
                if column > 0 { cells[row][column - 1].text.unicodeScalars.append(scalar) }
                continue
            }
            guard column + width <= size.columns else { break }
            cells[row][column] = Written(text: String(scalar), style: style, attributes: attributes)
            if width == 2 { cells[row][column + 1] = Written(text: "", style: style, attributes: attributes) }
            column += width
        }
    }

    func showCursor(row: Int, column: Int) { cursor = (row, column) }

    /// A row as text, without the spaces at its end.
    func line(_ row: Int) -> String {
        var text = cells[row].map(\.text).joined()
        while text.last == " " { text.removeLast() }
        return text
    }

    var lines: [String] { (0..<size.rows).map(line) }

    var text: String { lines.joined(separator: "\n") }

    /// The first row that contains `text`.
    func row(containing text: String) -> Int? { lines.firstIndex { $0.contains(text) } }

    func style(row: Int, column: Int) -> Style { cells[row][column].style }

    func attributes(row: Int, column: Int) -> TextAttributes { cells[row][column].attributes }
}
