import EventLog
import Synchronization

/// Every webhook's delivery place, as the shards last published theirs, and the one positions file
/// they are saved to: each shard publishes its own webhooks' places, and whichever saves writes
/// them all (under one lock, so two shards never write the file at once).
final class DeliveryPositionsBook: Sendable {
    private struct Pages: ~Copyable {
        var places: [String: DeliveryPlace] = [:]
        var saved: [String: DeliveryPlace]
    }

    private let store: DeliveryPositions
    private let epoch: String
    private let pages: Mutex<Pages>

    /// - Parameters:
    ///   - saved: what the file holds now (not written again until something changes).
    ///   - resumed: where the registered webhooks resume: kept until their shards publish, so that
    ///     the first shard to save does not leave the others' webhooks out of the file.
    init(store: DeliveryPositions, epoch: String, saved: [String: DeliveryPlace], resumed: [String: DeliveryPlace]) {
        self.store = store
        self.epoch = epoch
        pages = Mutex(Pages(places: resumed, saved: saved))
    }

    /// Takes a shard's `places` and saves the whole book if it changed. A failed save is tried
    /// again at the next one (the state directory is the engine's own).
    func save(_ places: [String: DeliveryPlace]) {
        pages.withLock { pages in
            for (url, place) in places { pages.places[url] = place }
            guard pages.places != pages.saved else { return }
            do {
                try store.save(pages.places, epoch: epoch)
                pages.saved = pages.places
            } catch {}
        }
    }

    /// A webhook no longer registered: left out of the next save.
    func forget(_ url: String) {
        _ = pages.withLock { $0.places.removeValue(forKey: url) }
    }
}
