import EventLog
import Foundation

/// How long a filter takes over a log, run as the dashboard runs it (the held events a frame's
/// budget at a time, the log's on the scan thread): what `bench/filter.sh` measures, through the
/// hidden `eventsdash filter-timing`.
public enum FilterTiming {
    public struct Result: Sendable {
        /// Until the newest `screenRows` matches (a first screen, following) were known for good.
        public var firstScreenSeconds: Double
        /// Until every reachable event was tested.
        public var completeSeconds: Double
        public var matches: Int
        /// The events reached: held and logged.
        public var events: Int
    }

    /// Fills a ring of `held` events from the log in `logDirectory` (not timed), then applies
    /// `filter` (in the filter prompt's words) and times it.
    public static func measure(logDirectory: String, filter text: String, held: Int, screenRows: Int) throws -> Result {
        let filter = try EventFilter(parsing: text)
        let events = RecentEvents(capacity: held, maxBytes: RecentEvents.defaultMaxBytes)
        events.preload(fromLog: logDirectory)
        let oldest = EventLogScan.segments(in: logDirectory).first?.firstSequence
        let start = Date()
        var filtered = FilteredEvents(filter: filter)
        var firstScreen: Double?
        while true {
            _ = filtered.update(from: events, logDirectory: logDirectory, logOldest: oldest, budget: 0.02)
            let elapsed = Date().timeIntervalSince(start)
            if firstScreen == nil, filtered.newestAreKnown(screenRows) { firstScreen = elapsed }
            if filtered.isComplete && filtered.isLogComplete {
                let reached = events.sequences.map { Int($0.upperBound - min(oldest ?? $0.lowerBound, $0.lowerBound)) + 1 } ?? 0
                return Result(
                    firstScreenSeconds: firstScreen ?? elapsed, completeSeconds: elapsed, matches: filtered.matchCount, events: reached)
            }
            Thread.sleep(forTimeInterval: 0.001)  // a frame drawn, keys read
        }
    }
}
