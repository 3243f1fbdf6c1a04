import Foundation
import GlusterEvents
import Synchronization
import WebhookDelivery

/// Redeliveries of one event to several webhooks, told as one line once all have answered
/// (`redelivered #12 to 3 webhooks: 2 delivered, 1 failed — http://c/3 HTTP 500`), rather than a
/// line per webhook, each hiding the one before.
final class RedeliveryBatches: Sendable {
    private struct Batch {
        let sequence: UInt64
        var waiting: Int
        var outcomes: [(url: String, outcome: HTTPOutcome)] = []
    }

    private let open = Mutex<(next: Int, batches: [Int: Batch], done: [(text: String, isError: Bool)])>((0, [:], []))

    /// A batch of `count` redeliveries of `sequence`; returns its id for `finish`.
    func start(_ sequence: UInt64, count: Int) -> Int {
        open.withLock { state in
            state.next += 1
            state.batches[state.next] = Batch(sequence: sequence, waiting: count)
            return state.next
        }
    }

    /// One fewer to wait for (nil `outcome`: it could not be sent).
    func finish(_ id: Int, url: String, _ outcome: HTTPOutcome) {
        open.withLock { state in
            guard var batch = state.batches[id] else { return }
            batch.outcomes.append((url, outcome))
            batch.waiting -= 1
            if batch.waiting > 0 {
                state.batches[id] = batch
            } else {
                state.batches[id] = nil
                state.done.append(Self.line(batch))
            }
        }
    }

    /// The batches finished since the last call, one line each.
    func takeFinished() -> [(text: String, isError: Bool)] {
        open.withLock { state in
            defer { state.done = [] }
            return state.done
        }
    }

    private static func line(_ batch: Batch) -> (text: String, isError: Bool) {
        let failed = batch.outcomes.filter { !$0.outcome.isSuccess }
        if batch.outcomes.count == 1, let (url, outcome) = batch.outcomes.first {
            let took = "\(outcome.summary) in \(DashboardFormat.millis(outcome.latencySeconds * 1000))"
            return ("redelivered #\(batch.sequence) to \(URLRedaction.redacted(url)): \(took)", !outcome.isSuccess)
        }
        let delivered = batch.outcomes.count - failed.count
        var text = "redelivered #\(batch.sequence) to \(batch.outcomes.count) webhooks: \(delivered) delivered"
        if !failed.isEmpty {
            text += ", \(failed.count) failed — " + failed.prefix(3).map { "\(URLRedaction.redacted($0.url)) \($0.outcome.summary)" }.joined(separator: ", ")
            if failed.count > 3 { text += ", …" }
        }
        return (text, !failed.isEmpty)
    }
}
