/// Lines in a box centred on the screen, over the panes (the help, the webhook form); the first
/// line bold when there is no title.
struct Box {
    var lines: [(text: String, style: Style)]
    var title: String?

    func draw(on surface: any Surface) {
        let (rows, columns) = surface.size
        let width = min(columns - 4, (lines.map { Cell.width(of: $0.text) }.max() ?? 0) + 4)
        let top = max(1, (rows - lines.count - 2) / 2)
        let left = max(0, (columns - width) / 2)
        let rule = String(repeating: "─", count: max(0, width - 2))
        let heading = title.map { "─ \($0) " } ?? ""
        let topRule = heading + String(repeating: "─", count: max(0, width - 2 - Cell.width(of: heading)))
        surface.write("┌" + topRule + "┐", row: top, column: left, style: .heading)
        for (index, line) in lines.enumerated() where top + 1 + index < rows - 1 {
            surface.write("│ ", row: top + 1 + index, column: left, style: .heading)
            surface.write(
                Cell.fit(line.text, width - 4), row: top + 1 + index, column: left + 2, style: line.style,
                title == nil && index == 0 ? .bold : [])
            surface.write(" │", row: top + 1 + index, column: left + width - 2, style: .heading)
        }
        if top + 1 + lines.count < rows - 1 {
            surface.write("└" + rule + "┘", row: top + 1 + lines.count, column: left, style: .heading)
        }
    }
}
