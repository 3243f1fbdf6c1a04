import GlusterEvents
import Synchronization

/// How many events of each type were logged since the engine started, for `/metrics`: one counter
/// per catalog name, and one for every other name (`UNKNOWN`): names come from outside (an HTTP
/// sender may make any up), so the label set stays the catalog's however many are sent.
///
/// Counted by the pipeline thread a batch at a time (a run of one name costs one lookup).
final class EventTypeCounts: Sendable {
    /// The label of events whose name is not in the catalog.
    static let unknown = "UNKNOWN"
    /// Indexed by catalog number; the last slot counts `unknown`.
    private let counts = Mutex([Int](repeating: 0, count: EventCatalog.names.count + 1))

    func record(_ events: [ReceivedEvent]) {
        guard !events.isEmpty else { return }
        var batch: [(slot: Int, count: Int)] = []
        var previous: String?
        for event in events {
            if event.name == previous, !batch.isEmpty {
                batch[batch.count - 1].count += 1
                continue
            }
            previous = event.name
            batch.append((EventCatalog.number(ofPublishedName: event.name) ?? EventCatalog.names.count, 1))
        }
        counts.withLock { counts in
            for (slot, count) in batch { counts[slot] &+= count }
        }
    }

    /// The types seen so far, by name, with their counts (names never seen are left out).
    func snapshot() -> [(name: String, count: Int)] {
        let counts = counts.withLock { $0 }
        return counts.indices.compactMap { slot in
            guard counts[slot] > 0 else { return nil }
            return (slot < EventCatalog.names.count ? EventCatalog.names[slot] : Self.unknown, counts[slot])
        }
    }
}
