import GlusterEvents
import Synchronization

/// The newest accepted events in memory, for the dashboard: bounded in count and in bytes (older
/// events stay in the durable log). An event too large to hold whole is held abridged
/// (`AbridgedBody`) and read back from the log when shown in full. The pipeline appends; readers
/// take copies and never block it for long. A capacity of 0 keeps nothing (a headless engine has
/// no use for it).
public final class RecentEvents: Sendable {
    public struct Entry: Sendable {
        public var sequence: UInt64
        public var event: ReceivedEvent
        /// The size of the whole body when `event.body` holds it abridged (nil: whole).
        public var abridgedFrom: Int?

        /// A logged event as the ring would hold it (a large body abridged).
        public init(logged event: LoggedEvent) {
            let header = WebhookBodyHeader.nameAndTimestamp(of: event.body)
            self = RecentEvents.entry(
                ReceivedEvent(
                    name: header?.name ?? "?", timestamp: header?.timestamp ?? 0, body: event.body, source: event.source,
                    receivedAtMillis: event.receivedAtMillis),
                sequence: event.sequence)
        }

        public init(sequence: UInt64, event: ReceivedEvent, abridgedFrom: Int? = nil) {
            self.sequence = sequence
            self.event = event
            self.abridgedFrom = abridgedFrom
        }

        /// This entry with its whole body, read back from the log in `logDirectory` when it is held
        /// abridged (as it is, should the log no longer have it).
        public func whole(logDirectory: String) -> Entry {
            guard abridgedFrom != nil, let logged = EventLogReader(directory: logDirectory).event(sequence) else { return self }
            var whole = self
            whole.event.body = logged.body
            whole.abridgedFrom = nil
            return whole
        }
    }

    /// A circular buffer: `count` entries from `head` (the oldest) on, wrapping around `slots`,
    /// which grows up to the capacity. Entries are consecutive in sequence.
    private struct Ring: ~Copyable {
        var slots: [Entry] = []
        var head = 0
        var count = 0
        var bytes = 0
        /// Bumped on every append, so a reader can tell whether anything changed.
        var generation: UInt64 = 0

        /// The `index`-th entry held, oldest first.
        subscript(index: Int) -> Entry { slots[(head + index) % slots.count] }
        var oldest: Entry? { count > 0 ? self[0] : nil }
        var newest: Entry? { count > 0 ? self[count - 1] : nil }

        mutating func append(_ entry: Entry, capacity: Int) {
            if count < slots.count {
                slots[(head + count) % slots.count] = entry
                count += 1
            } else if slots.count < capacity {
                if head != 0 {  // unwrap before growing
                    slots = Array(slots[head...] + slots[..<head])
                    head = 0
                }
                slots.append(entry)
                count += 1
            } else {  // full: the newest takes the oldest's place
                bytes -= slots[head].event.memoryBytes
                slots[head] = entry
                head = (head + 1) % slots.count
            }
            bytes += entry.event.memoryBytes
        }

        mutating func dropOldest() {
            bytes -= slots[head].event.memoryBytes
            slots[head] = RecentEvents.vacant  // its strings are freed now
            head = (head + 1) % slots.count
            count -= 1
        }

        mutating func removeAll() {
            slots = []
            head = 0
            count = 0
            bytes = 0
        }
    }

    /// What a slot holds once its entry has gone.
    fileprivate static let vacant = Entry(
        sequence: 0, event: ReceivedEvent(name: "", timestamp: 0, body: "", source: "", receivedAtMillis: 0))

    /// The default memory budget for the events held.
    public static let defaultMaxBytes = 32 << 20
    /// A body larger than this is held abridged.
    public static let wholeBodyLimit = 8 << 10

    public let capacity: Int
    public let maxBytes: Int
    private let ring = Mutex(Ring())

    public init(capacity: Int = 100_000, maxBytes: Int = RecentEvents.defaultMaxBytes) {
        precondition(capacity >= 0 && maxBytes >= 0)
        self.capacity = capacity
        self.maxBytes = maxBytes
    }

    public convenience init(_ limits: RecentEventsLimits) { self.init(capacity: limits.count, maxBytes: limits.bytes) }


    /// Appends events numbered from `firstSequence`.
    public func append(_ events: [ReceivedEvent], firstSequence: UInt64) {
        guard capacity > 0, maxBytes > 0 else { return }
        let entries = events.enumerated().map { offset, event in
            Self.entry(event, sequence: firstSequence + UInt64(offset))
        }
        ring.withLock { ring in
            // The ring holds no gaps: after one (events read back from a log retention cut), it
            // starts again from the new events.
            if let last = ring.newest, last.sequence + 1 != firstSequence { ring.removeAll() }
            for entry in entries { ring.append(entry, capacity: capacity) }
            while ring.bytes > maxBytes && ring.count > 1 { ring.dropOldest() }
            ring.generation &+= 1
        }
    }

    fileprivate static func entry(_ event: ReceivedEvent, sequence: UInt64) -> Entry {
        let size = event.body.utf8.count
        guard size > wholeBodyLimit else { return Entry(sequence: sequence, event: event) }
        var held = event
        held.body = AbridgedBody.abridged(event.body)
        return Entry(sequence: sequence, event: held, abridgedFrom: size)
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

    /// Fills the ring with the newest events of the log in `directory` (at start), as many as it
    /// holds, read a few MiB at a time so that large events never sit in memory whole, many at once.
    public func preload(fromLog directory: String) {
        guard capacity > 0, maxBytes > 0, let start = EventLogReader(directory: directory).start(ofLast: capacity)
        else { return }
        let cursor = EventLogCursor(directory: directory, at: start)
        while case let events = cursor.read(limit: 4096, maxBytes: Self.readBackBytes), !events.isEmpty {
            load(events)
        }
    }

    /// How much of the log one read back takes into memory at most (plus one event).
    public static let readBackBytes = 4 << 20

    public var generation: UInt64 { ring.withLock { $0.generation } }
    public var count: Int { ring.withLock { $0.count } }
    /// The memory the held events take, roughly.
    public var bytes: Int { ring.withLock { $0.bytes } }

    /// The sequence numbers held, oldest to newest (nil when empty). They are consecutive: every
    /// accepted event is appended, in order.
    public var sequences: ClosedRange<UInt64>? {
        ring.withLock { ring in
            guard let oldest = ring.oldest, let newest = ring.newest else { return nil }
            return oldest.sequence...newest.sequence
        }
    }

    /// Up to `count` entries starting at sequence `first`, oldest first.
    public func entries(from first: UInt64, count: Int) -> [Entry] {
        ring.withLock { ring in
            guard let oldest = ring.oldest, count > 0, first >= oldest.sequence else { return [] }
            let distance = first - oldest.sequence
            guard distance < UInt64(ring.count) else { return [] }
            let offset = Int(distance)
            return (offset..<(offset + min(count, ring.count - offset))).map { ring[$0] }
        }
    }

    /// The first entry received at or after `millis` (Unix milliseconds; entries are in the order
    /// they arrived), nil when every one is older or none is held.
    public func firstSequence(receivedAtOrAfter millis: Int64) -> UInt64? {
        ring.withLock { ring in
            var (low, high) = (0, ring.count)
            while low < high {
                let middle = (low + high) / 2
                if ring[middle].event.receivedAtMillis < millis { low = middle + 1 } else { high = middle }
            }
            return low < ring.count ? ring[low].sequence : nil
        }
    }

    /// Up to `limit` of the newest entries, oldest first.
    public func newest(_ limit: Int) -> [Entry] {
        ring.withLock { ring in
            let count = min(max(0, limit), ring.count)
            return ((ring.count - count)..<ring.count).map { ring[$0] }
        }
    }
}

/// How many events `RecentEvents` holds at most, and in how many bytes.
public struct RecentEventsLimits: Sendable, Equatable {
    public var count: Int
    public var bytes: Int

    public init(count: Int = 100_000, bytes: Int = RecentEvents.defaultMaxBytes) {
        self.count = count
        self.bytes = bytes
    }

    /// None held (a headless engine has no use for them).
    public static let none = RecentEventsLimits(count: 0, bytes: 0)
}
