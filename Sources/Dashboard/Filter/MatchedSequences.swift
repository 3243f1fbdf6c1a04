/// A filter's matches, oldest first, kept in three runs so that each grows without copying the
/// others: the log segment being scanned (ascending), the log segments done (newest first, as the
/// scan goes back), and the held events' (ascending).
struct MatchedSequences: Equatable {
    var scanning: ArraySlice<UInt64> = []
    var scannedDescending: [UInt64] = []
    var held: ArraySlice<UInt64> = []

    init(scanning: ArraySlice<UInt64> = [], scannedDescending: [UInt64] = [], held: ArraySlice<UInt64> = []) {
        self.scanning = scanning
        self.scannedDescending = scannedDescending
        self.held = held
    }

    var count: Int { scanning.count + scannedDescending.count + held.count }

    /// The `index`-th match, oldest first; `index` must be below `count`.
    subscript(index: Int) -> UInt64 {
        if index < scanning.count { return scanning[scanning.startIndex + index] }
        let index = index - scanning.count
        if index < scannedDescending.count { return scannedDescending[scannedDescending.count - 1 - index] }
        return held[held.startIndex + index - scannedDescending.count]
    }

    /// The index of the first match at or after `sequence` (`count` when none is).
    func firstIndex(atOrAfter sequence: UInt64) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < sequence { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && (0..<lhs.count).allSatisfy { lhs[$0] == rhs[$0] }
    }
}

extension MatchedSequences: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: UInt64...) { self.init(held: elements[...]) }
}
