/// Where each part of the screen goes, for a terminal size and the number of webhooks:
///
///     header (2 rows)
///     events pane: title, column names, events…
///     webhooks pane (left) │ config pane (right): title, rows…
///     key bar (1 row)
struct DashboardLayout: Equatable {
    static let minimumColumns = 60
    static let minimumRows = 18
    /// Rows of the config pane below its title.
    static let configRows = 7

    struct Pane: Equatable {
        var top: Int
        var left: Int
        var height: Int
        var width: Int
        /// The first row of content, below the title (and column names when `columnNames`).
        func contentTop(columnNames: Bool) -> Int { top + (columnNames ? 2 : 1) }
        func contentHeight(columnNames: Bool) -> Int { max(0, height - (columnNames ? 2 : 1)) }
        func contains(row: Int, column: Int) -> Bool {
            (top..<top + height).contains(row) && (left..<left + width).contains(column)
        }
    }

    var rows: Int
    var columns: Int
    var events: Pane
    var webhooks: Pane
    var config: Pane
    var keyBar: Int

    /// Nil when the terminal is too small for the layout.
    init?(rows: Int, columns: Int, webhookCount: Int) {
        guard rows >= Self.minimumRows, columns >= Self.minimumColumns else { return nil }
        self.rows = rows
        self.columns = columns
        keyBar = rows - 1
        // The bottom panes grow with the webhooks, up to a third of the screen.
        let bottomHeight = max(Self.configRows + 1, min(webhookCount + 2, rows / 3))
        let bottomTop = keyBar - bottomHeight
        events = Pane(top: 2, left: 0, height: bottomTop - 2, width: columns)
        let configWidth = min(48, max(30, columns * 28 / 100))
        webhooks = Pane(top: bottomTop, left: 0, height: bottomHeight, width: columns - configWidth - 1)
        config = Pane(top: bottomTop, left: columns - configWidth, height: bottomHeight, width: configWidth)
    }

    static var tooSmallMessage: String { "too small: need \(minimumColumns)×\(minimumRows)" }
}
