/// A rectangle of the screen: where a pane goes, or the area between the header and the key bar.
struct Region: Equatable {
    var top: Int
    var left: Int
    var height: Int
    var width: Int

    static let empty = Region(top: 0, left: 0, height: 0, width: 0)

    func contains(row: Int, column: Int) -> Bool {
        (top..<top + height).contains(row) && (left..<left + width).contains(column)
    }

    /// What is below the first row (a pane's title).
    var body: Region { Region(top: top + 1, left: left, height: max(0, height - 1), width: width) }
}
