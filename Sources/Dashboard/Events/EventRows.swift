/// The events the pane can show, oldest first, by sequence number: every event held (a
/// consecutive range), or those a filter matched (ascending, with gaps).
enum EventRows: Equatable {
    case all(ClosedRange<UInt64>?)
    case matching(MatchedSequences)

    var count: Int {
        switch self {
        case .all(let range): range.map { Int($0.upperBound - $0.lowerBound) + 1 } ?? 0
        case .matching(let sequences): sequences.count
        }
    }

    var isEmpty: Bool { count == 0 }

    /// The sequence of row `index` (0 = oldest); `index` must be below `count`.
    func sequence(at index: Int) -> UInt64 {
        switch self {
        case .all(let range): range!.lowerBound + UInt64(index)
        case .matching(let sequences): sequences[index]
        }
    }

    /// The index of the first row at or after `sequence`, at most the last row.
    func index(atOrAfter sequence: UInt64) -> Int {
        switch self {
        case .all(let range):
            guard let range else { return 0 }
            return Int(min(max(sequence, range.lowerBound), range.upperBound) - range.lowerBound)
        case .matching(let sequences):
            return min(sequences.firstIndex(atOrAfter: sequence), max(0, sequences.count - 1))
        }
    }
}
