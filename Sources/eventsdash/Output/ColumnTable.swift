import GlusterEvents

/// A table of left-aligned columns two spaces apart under a header, drawn with no `|`: for the
/// output of `health`, where a `|` on any line would start a monitoring system's perfdata (see
/// `NagiosCheck`). Cells are escaped for the terminal as they are added, before their widths are
/// measured: they hold names from outside.
struct ColumnTable {
    let headers: [String]
    private var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row.map { NagiosCheck.withoutPipes(TerminalText.escaped($0)) }) }

    var lines: [String] {
        let widths = headers.indices.map { column in ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0 }
        return ([headers] + rows).map { cells in
            var line = ""
            for (column, cell) in cells.enumerated() {
                line += column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            return line
        }
    }
}
