import GlusterEvents

/// Draws one frame: the header, the layout's panes (each in its region, with its title), the
/// overlay open over them, and the key bar. Reads the state and data; changes nothing.
enum DashboardView {
    /// Draws the whole frame on `surface` (erased; the caller then shows it).
    static func draw(on surface: any Surface, state: DashboardState, data: DashboardData) {
        let size = surface.size
        guard
            let layout = DashboardLayout(
                rows: size.rows, columns: size.columns, webhookCount: data.webhooks.count, problemCount: data.health.problems.count)
        else {
            surface.write(
                Cell.fit("\(DashboardLayout.tooSmallMessage) (now \(size.columns)×\(size.rows))", size.columns), row: 0)
            return
        }
        let frame = Frame(data: data, layout: layout, filter: state.filter, search: state.search)
        Header.draw(on: surface, frame)
        if state.overlay?.hidesPanes != true {
            for (index, pane) in state.panes.enumerated() {
                let region = layout.regions[index]
                let focused = index == state.focus
                pane.title(frame).draw(on: surface.clipped(to: region), focused: focused)
                pane.draw(on: surface.clipped(to: region.body), focused: focused, frame)
            }
            for rule in layout.rules {
                for row in rule.top..<(rule.top + rule.height) {
                    surface.write("│", row: row, column: rule.left, style: .heading)
                }
            }
        }
        state.overlay?.draw(on: surface, frame)
        KeyBar.draw(
            on: surface.clipped(to: Region(top: layout.keyBar, left: 0, height: 1, width: layout.columns)), state: state,
            now: data.now)
    }
}
