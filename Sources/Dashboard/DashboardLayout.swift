/// Where each part of the screen goes, for a terminal size and the numbers of webhooks and
/// problems:
///
///     header (3 rows: where the engine listens, its counters, the cluster's health)
///     the top row: the health pane (its title alone while nothing is wrong)
///     the main row: the events pane
///     the bottom row: the webhooks pane │ the config pane
///     key bar (1 row)
struct DashboardLayout: Equatable {
    /// The panes, in the order Tab moves through them, and where each goes. A new pane is a type
    /// of its own (see `Pane`) and a line here; focus, keys, the mouse, hints and titles follow.
    static var panes: [Slot] {
        [
            Slot(EventsPane(), .main),
            Slot(WebhooksPane(), .bottom),
            // As wide as its longest lines (the shared files' paths) where the screen has the room.
            Slot(ConfigPane(), .bottom, width: .share(percent: 28, minimum: 26, maximum: 64)),
            // Last in Tab's order, so Shift-Tab reaches it from the events at once.
            Slot(HealthPane(), .top),
        ]
    }

    /// A pane and its place.
    struct Slot {
        let pane: any Pane
        let row: Row
        let width: Width

        init(_ pane: any Pane, _ row: Row, width: Width = .rest) {
            self.pane = pane
            self.row = row
            self.width = width
        }
    }

    enum Row {
        /// Below the header, full width: a title row while there is no problem, else growing with
        /// the problems up to a third of what the header and the bottom row leave.
        case top
        /// Below the top row, as tall as the bottom row leaves. The wheel outside every pane scrolls
        /// the first pane in it.
        case main
        /// Above the key bar, growing with the webhooks up to a third of the screen.
        case bottom
    }

    /// A pane's width in its row; panes side by side are parted by a one-column rule.
    enum Width {
        /// What the other panes in the row leave (shared, when several take the rest).
        case rest
        /// A share of the screen's width, within bounds.
        case share(percent: Int, minimum: Int, maximum: Int)
    }

    static let headerRows = 3
    static let minimumColumns = 60
    static let minimumRows = 18
    /// The bottom row's least height: the config pane's title and its seven rows.
    static let bottomMinimumRows = 8

    var rows: Int
    var columns: Int
    /// Where each pane goes, in the order of `panes`.
    var regions: [Region]
    /// The one-column rules between panes side by side.
    var rules: [Region]
    /// Everything between the header and the key bar, where a view that hides the panes goes.
    var content: Region
    var keyBar: Int

    /// Nil when the terminal is too small for the layout.
    init?(rows: Int, columns: Int, webhookCount: Int, problemCount: Int = 0) {
        guard rows >= Self.minimumRows, columns >= Self.minimumColumns else { return nil }
        self.rows = rows
        self.columns = columns
        keyBar = rows - 1
        let header = Self.headerRows
        content = Region(top: header, left: 0, height: keyBar - header, width: columns)
        let slots = Self.panes
        let bottomHeight =
            slots.contains { $0.row == .bottom }
            ? max(Self.bottomMinimumRows, min(webhookCount + 2, rows / 3)) : 0
        let bottomTop = keyBar - bottomHeight
        // The title, the column names and a row a problem.
        let topHeight =
            !slots.contains { $0.row == .top } ? 0
            : problemCount == 0 ? 1 : min(problemCount + 2, max(3, (bottomTop - header) / 3))
        let mainTop = header + topHeight
        regions = Array(repeating: .empty, count: slots.count)
        rules = []
        for (row, top, height) in [
            (Row.top, header, topHeight), (.main, mainTop, bottomTop - mainTop), (.bottom, bottomTop, bottomHeight),
        ] {
            let indices = slots.indices.filter { slots[$0].row == row }
            let widths = Self.widths(of: indices.map { slots[$0].width }, in: columns)
            var left = 0
            for (index, width) in zip(indices, widths) {
                if left > 0 {
                    rules.append(Region(top: top, left: left, height: height, width: 1))
                    left += 1
                }
                regions[index] = Region(top: top, left: left, height: height, width: width)
                left += width
            }
        }
    }

    /// The columns of panes side by side in `total` columns, with a rule between each two.
    private static func widths(of widths: [Width], in total: Int) -> [Int] {
        let shares = widths.map { width -> Int? in
            guard case .share(let percent, let minimum, let maximum) = width else { return nil }
            return min(maximum, max(minimum, total * percent / 100))
        }
        let restCount = shares.filter { $0 == nil }.count
        let rest = total - shares.compactMap { $0 }.reduce(0, +) - max(0, widths.count - 1)
        var restIndex = 0
        return shares.map { share in
            if let share { return share }
            defer { restIndex += 1 }
            return rest / restCount + (restIndex < rest % restCount ? 1 : 0)
        }
    }

    /// Which of `panes` is of type `P`.
    static func index<P: Pane>(of type: P.Type) -> Int? { panes.firstIndex { $0.pane is P } }

    /// Where the pane of type `P` goes.
    func region<P: Pane>(of type: P.Type) -> Region? { Self.index(of: type).map { regions[$0] } }

    static var tooSmallMessage: String { "too small: need \(minimumColumns)×\(minimumRows)" }
}
