import GlusterEvents
import Synchronization

/// The newest accepted events in memory, for the dashboard: a bounded ring (older events stay
/// in the durable log). The pipeline appends; readers take copies and never block it for long.
/// A capacity of 0 keeps nothing (a headless engine has no use for it).
public final class RecentEvents: Sendable {
    public struct Entry: Sendable {
        public var sequence: UInt64
        public var event: ReceivedEvent
    }

    private struct Ring: ~Copyable {
        var slots: [Entry] = []
        var next = 0
        /// Bumped on every append, so a reader can tell whether anything changed.
        var generation: UInt64 = 0
    }

    public let capacity: Int
    private let ring = Mutex(Ring())

    public init(capacity: Int = 100_000) {
        precondition(capacity >= 0)
        self.capacity = capacity
    }

    /// Appends events numbered from `firstSequence`.
    public func append(_ events: [ReceivedEvent], firstSequence: UInt64) {
        guard capacity > 0 else { return }
        ring.withLock { ring in
            for (offset, event) in events.enumerated() {
                let entry = Entry(sequence: firstSequence + UInt64(offset), event: event)
                if ring.slots.count < capacity {
                    ring.slots.append(entry)
                } else {
                    ring.slots[ring.next] = entry
                }
                ring.next = (ring.next + 1) % capacity
            }
            ring.generation &+= 1
        }
    }

    /// Fills the ring with events read back from the log (at start), oldest first. Only the
    /// newest run of consecutive sequences is kept, as the ring holds no gaps.
    public func load(_ logged: [LoggedEvent]) {
        var run = logged[...]
        for index in logged.indices.dropFirst() where logged[index].sequence != logged[index - 1].sequence + 1 {
            run = logged[index...]
        }
        guard let first = run.first else { return }
        append(
            run.map { event in
                let header = WebhookBodyHeader.nameAndTimestamp(of: event.body)
                return ReceivedEvent(
                    name: header?.name ?? "?", timestamp: header?.timestamp ?? 0, body: event.body, source: event.source,
                    receivedAtMillis: event.receivedAtMillis)
            }, firstSequence: first.sequence)
    }

    public var generation: UInt64 { ring.withLock { $0.generation } }
    public var count: Int { ring.withLock { $0.slots.count } }

    /// The sequence numbers held, oldest to newest (nil when empty). They are consecutive: every
    /// accepted event is appended, in order.
    public var sequences: ClosedRange<UInt64>? {
        ring.withLock { ring in
            guard !ring.slots.isEmpty else { return nil }
            let newest = ring.slots[(ring.next - 1 + ring.slots.count) % ring.slots.count].sequence
            return (newest - UInt64(ring.slots.count) + 1)...newest
        }
    }

    /// Up to `count` entries starting at sequence `first`, oldest first.
    public func entries(from first: UInt64, count: Int) -> [Entry] {
        ring.withLock { ring in
            guard !ring.slots.isEmpty, count > 0 else { return [] }
            let oldestIndex = ring.slots.count < capacity ? 0 : ring.next
            let oldest = ring.slots[oldestIndex].sequence
            guard first >= oldest else { return [] }
            let offset = Int(first - oldest)
            guard offset < ring.slots.count else { return [] }
            return (offset..<min(ring.slots.count, offset + count)).map { ring.slots[(oldestIndex + $0) % ring.slots.count] }
        }
    }

    /// Up to `limit` of the newest entries, oldest first.
    public func newest(_ limit: Int) -> [Entry] {
        ring.withLock { ring in
            let count = min(limit, ring.slots.count)
            guard count > 0 else { return [] }
            let start = ring.slots.count < capacity ? ring.slots.count - count : (ring.next - count + capacity) % capacity
            return (0..<count).map { ring.slots[(start + $0) % ring.slots.count] }
        }
    }
}
