import EventLog
import Foundation

/// The sequence numbers of the events a filter matches, over all the events the pane reaches:
/// the held ones, tested a frame's budget at a time on the dashboard thread (a new filter over a
/// full ring never freezes the screen), and the durable log's older ones, tested by a
/// `LogFilterScan` on a thread of its own and taken in as it publishes them. The pane says how far
/// both got. Matches of held events stay listed once the ring drops them (the log still has them).
struct FilteredEvents {
    let filter: EventFilter
    private var matches: [UInt64] = []
    private var firstMatch = 0
    /// The next held sequence to look at.
    private var nextToScan: UInt64 = 0
    /// How many held events the filter was tested on.
    private(set) var scanned = 0

    /// The log's pass (nil: none started, or the log has nothing older than what is held).
    private var logScan: LogFilterScan?
    private var logScanStarted = false
    /// The log's segments when the pass started (where a match's line is), and what it covers.
    private var segments: [EventLogScan.Segment] = []
    private var logRange: ClosedRange<UInt64>?
    /// The log's matches: the segment being scanned (ascending) and those done (newest first),
    /// with where each line starts (the offsets in the same order as the sequences).
    private var scanning: [UInt64] = []
    private var scanningOffsets: [Int] = []
    private var scannedDescending: [UInt64] = []
    private var scannedOffsets: [Int] = []
    private var logScanned = 0
    /// Whether the log's pass is over (or there is none).
    private(set) var isLogComplete = true
    /// Whether the log's pass stopped at `LogFilterScan.maxMatches`: older matches are not listed.
    private(set) var isLogCapped = false
    /// Matches read back for drawing (the log's, and held ones the ring dropped).
    private let readBack = MatchedEntries()

    init(filter: EventFilter) { self.filter = filter }

    /// Matching rows, oldest first.
    var rows: EventRows {
        .matching(MatchedSequences(scanning: scanning[...], scannedDescending: scannedDescending, held: matches[firstMatch...]))
    }

    var matchCount: Int { matches.count - firstMatch + scanning.count + scannedDescending.count }

    /// Whether every held event has been tested (keys wait for this, not for the log).
    private(set) var isComplete = false

    /// Whether the newest `count` matches are known for good (a first screen, following): every
    /// held event is tested, and the log's segments done (newest first) make up the rest, or the
    /// log's pass is over.
    func newestAreKnown(_ count: Int) -> Bool {
        isComplete && (isLogComplete || matches.count - firstMatch + scannedDescending.count >= count)
    }

    /// Tests held events not tested yet, for at most `budget` seconds, and takes in what the log's
    /// pass found since (starting it the first time, for the log in `logDirectory` before what is
    /// held); drops matches that retention (or, with no log, the ring) took away. Returns whether
    /// anything changed.
    mutating func update(
        from events: RecentEvents, logDirectory: String? = nil, logOldest: UInt64? = nil, nodeNames: [String: String] = [:],
        budget: Double = 0.02
    ) -> Bool {
        guard let held = events.sequences else { return false }
        var changed = false
        if !logScanStarted, let logDirectory {
            logScanStarted = true
            if held.lowerBound > 1 {
                logScan = LogFilterScan(filter: filter, nodeNames: nodeNames, directory: logDirectory, through: held.lowerBound - 1)
                isLogComplete = logScan == nil
                segments = logScan?.segments ?? []
                logRange = logScan?.range
            }
        }
        changed = takeFromLog() || changed
        let reachableFrom = logDirectory == nil ? held.lowerBound : min(logOldest ?? held.lowerBound, held.lowerBound)
        while firstMatch < matches.count, matches[firstMatch] < reachableFrom {
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

    /// Takes in the log's runs published since the last frame.
    private mutating func takeFromLog() -> Bool {
        guard let logScan, !isLogComplete else { return false }
        let taken = logScan.take()
        for run in taken.found {
            scanning += run.sequences
            scanningOffsets += run.offsets
            if run.segmentDone {
                scannedDescending += scanning.reversed()
                scannedOffsets += scanningOffsets.reversed()
                scanning = []
                scanningOffsets = []
            }
        }
        let changed = !taken.found.isEmpty || taken.scanned != logScanned || taken.done
        logScanned = taken.scanned
        isLogComplete = taken.done
        isLogCapped = taken.capped
        if taken.done { self.logScan = nil }  // its thread has ended
        return changed
    }

    /// How far the scans got, 0...1, over every event reachable (`reachable`: held and logged).
    func progress(reachable: ClosedRange<UInt64>?, held: ClosedRange<UInt64>?) -> Double {
        guard let reachable, !(isComplete && isLogComplete) else { return 1 }
        let total = Double(reachable.upperBound - reachable.lowerBound + 1)
        var left = 0.0
        if !isComplete, let held, nextToScan <= held.upperBound { left += Double(held.upperBound - nextToScan + 1) }
        if !isLogComplete, let range = logRange { left += max(0, Double(range.upperBound - range.lowerBound + 1) - Double(logScanned)) }
        return min(1, max(0, 1 - left / total))
    }


    /// A matching event to draw: held, read back before, or read now (alone, from where the scan
    /// found its line; else through the log's window) and kept for the next frames.
    func entry(_ sequence: UInt64, _ data: DashboardData) -> RecentEvents.Entry? {
        if let held = data.events.sequences, held.contains(sequence) { return data.events.entries(from: sequence, count: 1).first }
        if let kept = readBack.entries[sequence] { return kept }
        let found = logLine(of: sequence).flatMap { EventLogScan.event(in: $0.path, at: $0.offset) }
        let entry = found.flatMap { $0.sequence == sequence ? RecentEvents.Entry(logged: $0) : nil } ?? data.entry(sequence)
        if let entry { readBack.keep(entry) }
        return entry
    }

    /// Where the log's match `sequence` starts, if the scan found it.
    private func logLine(of sequence: UInt64) -> (path: String, offset: Int)? {
        guard let segment = segments.last(where: { $0.firstSequence <= sequence }) else { return nil }
        if let index = Self.index(of: sequence, ascending: scanning) { return (segment.path, scanningOffsets[index]) }
        // scannedDescending, newest first: search it as ascending from its end.
        var (low, high) = (0, scannedDescending.count)
        while low < high {
            let middle = (low + high) / 2
            if scannedDescending[scannedDescending.count - 1 - middle] < sequence { low = middle + 1 } else { high = middle }
        }
        guard low < scannedDescending.count, scannedDescending[scannedDescending.count - 1 - low] == sequence else { return nil }
        return (segment.path, scannedOffsets[scannedDescending.count - 1 - low])
    }

    private static func index(of sequence: UInt64, ascending: [UInt64]) -> Int? {
        var (low, high) = (0, ascending.count)
        while low < high {
            let middle = (low + high) / 2
            if ascending[middle] < sequence { low = middle + 1 } else { high = middle }
        }
        return low < ascending.count && ascending[low] == sequence ? low : nil
    }
}

/// Matching events read back from the log for drawing, so a frame reads only the rows new on
/// screen: at most `capacity`, forgotten all at once when full.
final class MatchedEntries {
    private(set) var entries: [UInt64: RecentEvents.Entry] = [:]
    let capacity: Int

    init(capacity: Int = 2048) { self.capacity = capacity }

    func keep(_ entry: RecentEvents.Entry) {
        if entries.count >= capacity { entries = [:] }
        entries[entry.sequence] = entry
    }
}
