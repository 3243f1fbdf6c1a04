import EventLog
import Foundation

/// The sequence numbers of the held events a filter matches, kept up to date incrementally: each
/// frame decodes only events not seen yet, within a time budget, so a new filter over a full ring
/// never freezes the screen (the pane says how far the scan got).
struct FilteredEvents {
    let filter: EventFilter
    private var matches: [UInt64] = []
    private var firstMatch = 0
    /// The next sequence to look at.
    private var nextToScan: UInt64 = 0
    /// How many events the filter was tested on, for "n of m" figures.
    private(set) var scanned = 0

    init(filter: EventFilter) { self.filter = filter }

    /// Matching rows, oldest first.
    var rows: EventRows { .matching(matches[firstMatch...]) }

    var matchCount: Int { matches.count - firstMatch }

    /// Whether every held event has been tested.
    private(set) var isComplete = false

    /// Tests events not tested yet, for at most `budget` seconds; drops matches that left the ring.
    /// Returns whether anything changed.
    mutating func update(from events: RecentEvents, nodeNames: [String: String] = [:], budget: Double = 0.02) -> Bool {
        guard let held = events.sequences else { return false }
        var changed = false
        while firstMatch < matches.count, matches[firstMatch] < held.lowerBound {
            firstMatch += 1
            changed = true
        }
        if firstMatch > 4096, firstMatch * 2 > matches.count {
            matches.removeFirst(firstMatch)
            firstMatch = 0
        }
        nextToScan = max(nextToScan, held.lowerBound)
        let deadline = Date().addingTimeInterval(budget)
        while nextToScan <= held.upperBound {
            let batch = events.entries(from: nextToScan, count: 1024)
            guard let last = batch.last else { break }
            for entry in batch where filter.matches(entry, nodeNames: nodeNames) {
                matches.append(entry.sequence)
            }
            scanned += batch.count
            nextToScan = last.sequence + 1
            changed = true
            if Date() > deadline { break }
        }
        isComplete = nextToScan > held.upperBound
        return changed
    }

    /// How far the scan got, 0...1, over the events held now.
    func progress(held: ClosedRange<UInt64>?) -> Double {
        guard let held, !isComplete else { return 1 }
        let total = Double(held.upperBound - held.lowerBound + 1)
        return min(1, Double(nextToScan.subtractingReportingOverflow(held.lowerBound).partialValue) / total)
    }
}
