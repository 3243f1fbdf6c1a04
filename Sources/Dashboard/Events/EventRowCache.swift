import EventLog

/// Decoded rows of the events shown in recent frames, so a redraw (once a second for the clock,
/// or as new events arrive) decodes only the rows new on screen.
final class EventRowCache {
    private var current: [UInt64: EventRow] = [:]
    private var previous: [UInt64: EventRow] = [:]

    func row(_ entry: RecentEvents.Entry, nodeNames: [String: String]) -> EventRow {
        if let row = current[entry.sequence] ?? previous[entry.sequence] {
            current[entry.sequence] = row
            return row
        }
        let row = EventRow(entry, nodeNames: nodeNames)
        current[entry.sequence] = row
        return row
    }

    /// Forgets rows not used since the frame before.
    func endFrame() {
        previous = current
        current = [:]
        current.reserveCapacity(previous.count)
    }
}
