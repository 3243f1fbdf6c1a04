/// What became of one event at one webhook, as far as delivery remembers.
public enum EventDelivery: Sendable, Equatable {
    /// Waiting, with this many requests before it.
    case queued(ahead: Int)
    case inFlight
    case delivered(status: Int, latencyMillis: Double)
    case failed(reason: String, latencyMillis: Double)
    /// Before this webhook was added (or before delivery remembers), or never queued for it.
    case notSent
    /// Sent, but its outcome is older than what delivery keeps.
    case forgotten
}

/// The outcomes of a webhook's recent requests, by sequence number, bounded.
struct OutcomeRecord: Sendable {
    static let capacity = 4096

    private var outcomes: [UInt64: EventDelivery] = [:]
    private var order: [UInt64] = []
    private var orderStart = 0
    private var inFlight: UInt64?
    /// The first and newest sequences sent; outcomes in between that are no longer held are `forgotten`.
    private var sent: ClosedRange<UInt64>?

    mutating func sending(_ sequence: UInt64) {
        inFlight = sequence
        sent = sent.map { min($0.lowerBound, sequence)...max($0.upperBound, sequence) } ?? sequence...sequence
    }

    mutating func record(_ outcome: HTTPOutcome, sequence: UInt64) {
        if inFlight == sequence { inFlight = nil }
        let millis = outcome.latencySeconds * 1000
        outcomes[sequence] =
            outcome.isSuccess
            ? .delivered(status: outcome.status ?? 0, latencyMillis: millis)
            : .failed(reason: outcome.summary, latencyMillis: millis)
        order.append(sequence)
        if order.count - orderStart > Self.capacity {
            outcomes[order[orderStart]] = nil
            orderStart += 1
            if orderStart > Self.capacity {
                order.removeFirst(orderStart)
                orderStart = 0
            }
        }
    }

    func delivery(of sequence: UInt64) -> EventDelivery {
        if inFlight == sequence { return .inFlight }
        if let outcome = outcomes[sequence] { return outcome }
        if let sent, sent.contains(sequence) { return .forgotten }
        return .notSent
    }
}
