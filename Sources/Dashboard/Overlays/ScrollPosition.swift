/// Where a view that lists rows (the cluster view, the problem history) is scrolled to: its first
/// row shown, moved by the keys every such view takes, and kept within the rows there are.
struct ScrollPosition: Equatable {
    var top = 0

    /// Moves for `key` (↑↓ j k, the wheel, PgUp PgDn by `page` rows, g G Home End); false for a
    /// key that does not scroll.
    mutating func handle(_ key: Key, page: Int) -> Bool {
        switch key {
        case .up, .character("k"), .mouse(.wheelUp): top -= 1
        case .down, .character("j"), .mouse(.wheelDown): top += 1
        case .pageUp: top -= page
        case .pageDown: top += page
        case .home, .character("g"): top = 0
        case .end, .character("G"): top = .max / 2
        default: return false
        }
        return true
    }

    /// Within `rows` rows of which `visible` show.
    mutating func fit(rows: Int, visible: Int) { top = max(0, min(top, rows - max(1, visible))) }
}
