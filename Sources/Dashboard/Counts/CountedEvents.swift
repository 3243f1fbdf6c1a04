import EventLog
import GlusterEvents

/// The held events reduced to what the counts view counts — when received, type, node, volume —
/// kept up to date incrementally: each frame decodes only events not seen yet (within a time
/// budget, as `FilteredEvents` does), and drops those that left the ring. Names are interned to
/// small numbers, so counting a window over the whole ring is a pass over an array of integers.
///
/// Owned by the dashboard loop (one, so reopening the view does not decode again) and used on its
/// thread only.
final class CountedEvents {
    /// One held event, its names as indexes into `names`.
    struct Fact {
        var receivedAtMillis: Int64
        var type: Int32
        var node: Int32
        /// -1: the event names no volume.
        var volume: Int32
        /// The field that named the volume (an index into `names`), -1 with none.
        var volumeField: Int32
    }

    /// Facts of the consecutive sequences from `firstSequence`, from `facts[start]` on.
    private(set) var facts: [Fact] = []
    private var start = 0
    private(set) var firstSequence: UInt64 = 0
    /// Every name an id stands for (types, node ids, volumes, field names share one table).
    private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    /// How many held events are not decoded yet (0: the counts are of every held event).
    private(set) var pending = 0

    var live: ArraySlice<Fact> { facts[start...] }

    func name(_ id: Int32) -> String { id >= 0 && Int(id) < names.count ? names[Int(id)] : "" }

    /// Decodes events not seen yet, for at most `budget` seconds; drops those that left the ring.
    /// Returns whether the facts changed.
    @discardableResult
    func update(from events: RecentEvents, budget: Duration = .milliseconds(20)) -> Bool {
        guard let held = events.sequences else {
            let changed = !live.isEmpty
            reset(at: 0)
            pending = 0
            return changed
        }
        var changed = false
        var next = firstSequence &+ UInt64(live.count)
        // Nothing yet, a gap (the ring moved on past what was decoded) or a ring that went back
        // (another log): start again from the oldest held.
        if live.isEmpty || held.lowerBound > next || held.upperBound &+ 1 < next || held.lowerBound < firstSequence {
            changed = !live.isEmpty
            reset(at: held.lowerBound)
            next = held.lowerBound
        }
        let drop = Int(held.lowerBound - firstSequence)
        if drop > 0 {
            start += drop
            firstSequence = held.lowerBound
            changed = true
        }
        if start > 4096, start * 2 > facts.count {
            facts.removeFirst(start)
            start = 0
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: budget)
        while next <= held.upperBound {
            let batch = events.entries(from: next, count: 512)
            guard let last = batch.last, batch.first?.sequence == next else { break }
            for entry in batch { facts.append(fact(entry)) }
            next = last.sequence &+ 1
            changed = true
            if clock.now > deadline { break }
        }
        pending = next <= held.upperBound ? Int(held.upperBound - next + 1) : 0
        if names.count > max(4096, 4 * live.count) { compact() }
        return changed
    }

    private func reset(at sequence: UInt64) {
        facts = []
        start = 0
        firstSequence = sequence
        names = []
        ids = [:]
    }

    private func fact(_ entry: RecentEvents.Entry) -> Fact {
        let body = try? JSONValue.parse(entry.event.body)
        let message = body?["message"]
        var namedBy: String?
        let volume = EntityFieldNames.volume(event: entry.event.name) { key in
            let value = message?[key].map { $0.stringValue ?? $0.encoded() }
            if value?.isEmpty == false { namedBy = key }
            return value
        }
        return Fact(
            receivedAtMillis: entry.event.receivedAtMillis, type: id(entry.event.name),
            node: id(body?["nodeid"]?.stringValue ?? "?"), volume: volume.map(id) ?? -1, volumeField: namedBy.map(id) ?? -1)
    }

    private func id(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// Forgets names no held event uses (hostile senders can make every event's node or volume new).
    private func compact() {
        let old = names
        names = []
        ids = [:]
        func remap(_ id: Int32) -> Int32 { id < 0 ? id : self.id(old[Int(id)]) }
        facts = live.map { Fact(receivedAtMillis: $0.receivedAtMillis, type: remap($0.type), node: remap($0.node), volume: remap($0.volume), volumeField: remap($0.volumeField)) }
        start = 0
    }
}
