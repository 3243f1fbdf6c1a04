import Foundation
import WebhookDelivery

/// The given-up events of every webhook, re-read from `given-up.log` only when the file changes
/// (the dashboard asks every frame).
final class GivenUpWatch {
    /// How many the webhook view lists.
    static let limit = 1_000

    private let log: GivenUpLog
    private var cached: (size: Int64, modified: Date, entries: [String: [GivenUpLog.Entry]])?

    init(path: String) { log = GivenUpLog(path: path) }

    /// `url`'s given-up events, newest first, at most `limit`.
    func entries(for url: String) -> [GivenUpLog.Entry] {
        Array(all()[url, default: []].prefix(Self.limit))
    }

    /// The newest record of `sequence` given up for `url`, if any.
    func entry(for url: String, sequence: UInt64) -> GivenUpLog.Entry? {
        all()[url]?.first { $0.sequence <= sequence && sequence - $0.sequence < $0.count }
    }

    private func all() -> [String: [GivenUpLog.Entry]] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: log.path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = attributes?[.modificationDate] as? Date ?? .distantPast
        if let cached, cached.size == size, cached.modified == modified { return cached.entries }
        let entries = Dictionary(grouping: log.entries(), by: \.url)
        cached = (size, modified, entries)
        return entries
    }
}
