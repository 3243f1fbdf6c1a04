import EventLog

/// The events the events pane reaches: those held in memory, and before them the durable log's
/// (read back a window at a time), back to the oldest retention has kept.
extension DashboardData {
    /// Every event reachable, oldest to newest: from the log's oldest when it reaches further
    /// back than what is held.
    var reachable: ClosedRange<UInt64>? {
        guard let held = events.sequences else { return nil }
        guard let oldest = logOldest, oldest < held.lowerBound else { return held }
        return oldest...held.upperBound
    }

    /// Up to `count` reachable events from `first` on, oldest first: from the log before what is
    /// held, then from memory.
    func entries(from first: UInt64, count: Int) -> [RecentEvents.Entry] {
        guard count > 0 else { return [] }
        guard let held = events.sequences, first < held.lowerBound, let history else {
            return events.entries(from: first, count: count)
        }
        let fromLog = history.entries(from: first, count: min(count, Int(clamping: held.lowerBound - first)))
        let rest = count - fromLog.count
        return fromLog + (fromLog.last.map { $0.sequence + 1 == held.lowerBound } ?? false ? events.entries(from: held.lowerBound, count: rest) : [])
    }

    /// The reachable event `sequence`.
    func entry(_ sequence: UInt64) -> RecentEvents.Entry? {
        entries(from: sequence, count: 1).first.flatMap { $0.sequence == sequence ? $0 : nil }
    }

    /// Whether `sequence` is read from the log rather than held.
    func isFromLog(_ sequence: UInt64) -> Bool { events.sequences.map { sequence < $0.lowerBound } ?? false }

    /// The first reachable event received at or after `millis` (Unix milliseconds).
    func firstEventReceived(atOrAfter millis: Int64) -> UInt64? {
        if let oldest = events.entries(from: events.sequences?.lowerBound ?? 0, count: 1).first,
            millis < oldest.event.receivedAtMillis, let history, let fromLog = history.firstSequence(receivedAtOrAfter: millis),
            fromLog < oldest.sequence
        {
            return fromLog
        }
        return events.firstSequence(receivedAtOrAfter: millis)
    }
}
