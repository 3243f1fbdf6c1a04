extension EventLogReader {
    /// The sequence numbers from the first to the last of the last `count` events up to `newest`
    /// that `matches` takes (nil when none does): `tail -n 3 --event 'QUORUM_*'` reaches back as
    /// far as the log goes to find three, and reads no further forward than the third. Segments
    /// are read newest first, each forward, keeping the sequence numbers of at most `count`
    /// matches, and reading stops at the segment that completes the count: memory stays at `count`
    /// numbers and a few events, whatever the size of the log.
    public func lastMatching(_ count: Int, through newest: UInt64, where matches: (LoggedEvent) -> Bool) -> ClosedRange<UInt64>? {
        guard count > 0 else { return nil }
        let segments = EventLogSegments.list(in: directory)
        var foundInNewer = 0
        var first: UInt64?
        var last: UInt64?
        for index in segments.indices.reversed() {
            guard let segmentStart = EventLogSegments.firstSequence(of: segments[index]), segmentStart <= newest else { continue }
            let nextSegmentStart = index + 1 < segments.count ? EventLogSegments.firstSequence(of: segments[index + 1]) : nil
            var kept = LastSequences(capacity: count - foundInNewer)
            let cursor = EventLogCursor(directory: directory, at: EventLogPosition(path: segments[index], offset: 0))
            reading: while true {
                let events = cursor.read(limit: 64, maxBytes: 1 << 20)
                if events.isEmpty { break }
                for event in events {
                    if event.sequence > newest || nextSegmentStart.map({ event.sequence >= $0 }) == true { break reading }
                    if matches(event) { kept.append(event.sequence) }
                }
            }
            if let oldest = kept.oldest { first = oldest }
            if last == nil { last = kept.newest }
            foundInNewer += kept.count
            if foundInNewer >= count { break }
        }
        guard let first, let last else { return nil }
        return first...last
    }
}

/// The last `capacity` numbers appended, in a ring that grows only as they come.
private struct LastSequences {
    let capacity: Int
    private var ring: [UInt64] = []
    private var next = 0

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { ring.count }

    mutating func append(_ sequence: UInt64) {
        if ring.count < capacity {
            ring.append(sequence)
        } else {
            ring[next] = sequence
            next = (next + 1) % capacity
        }
    }

    /// The first of those kept, and the last.
    var oldest: UInt64? { ring.isEmpty ? nil : ring[ring.count < capacity ? 0 : next] }
    var newest: UInt64? { ring.isEmpty ? nil : ring[ring.count < capacity ? ring.count - 1 : (next + capacity - 1) % capacity] }
}
