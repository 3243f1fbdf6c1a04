import Foundation
import GlusterEvents

/// Tables in the exact layout of Python's PrettyTable, which gluster-eventsapi prints. Cells are
/// escaped for the terminal as they are added (before their widths are measured): they hold URLs,
/// errors and names from outside.
struct PrettyTable {
    enum Alignment { case left, center, right }

    let headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers.map(TerminalText.escaped)
        self.alignments = alignments ?? headers.map { _ in .center }
    }

    mutating func add(_ row: [String]) { rows.append(row.map(TerminalText.escaped)) }

    var lines: [String] {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) + "+" }.joined()
        func line(_ cells: [String], _ aligns: [Alignment]) -> String {
            "|" + cells.indices.map { " " + Self.justify(cells[$0], widths[$0], aligns[$0]) + " |" }.joined()
        }
        var lines = [rule, line(headers, headers.map { _ in .center }), rule]
        lines += rows.map { line($0, alignments) }
        lines.append(rule)
        return lines
    }

    /// Python's `str.ljust` / `rjust` / `center` (whose odd margin goes left only for odd widths).
    static func justify(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
        let margin = max(0, width - text.count)
        let left: Int
        switch alignment {
        case .left: left = 0
        case .right: left = margin
        case .center: left = margin / 2 + (margin & width & 1)
        }
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: margin - left)
    }
}
