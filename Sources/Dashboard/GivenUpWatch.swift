import Foundation
import WebhookDelivery

/// The given-up events of the webhook in view, re-read from `given-up.log` only when the file
/// changes (the dashboard asks every frame).
final class GivenUpWatch {
    /// How many the webhook view lists.
    static let limit = 1_000

    private let log: GivenUpLog
    private var cached: (url: String, size: Int64, modified: Date, entries: [GivenUpLog.Entry])?

    init(path: String) { log = GivenUpLog(path: path) }

    func entries(for url: String) -> [GivenUpLog.Entry] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: log.path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = attributes?[.modificationDate] as? Date ?? .distantPast
        if let cached, cached.url == url, cached.size == size, cached.modified == modified { return cached.entries }
        let entries = log.entries(url: url, limit: Self.limit)
        cached = (url, size, modified, entries)
        return entries
    }
}
