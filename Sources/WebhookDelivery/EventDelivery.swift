import EventLog
import GlusterEvents

/// What became of one event at one webhook, as far as delivery remembers.
public enum EventDelivery: Sendable, Equatable {
    /// Waiting to be sent.
    case queued
    case inFlight
    /// Failed `attempts` times; tried again at `dueAt` (seconds since 1970).
    case retrying(attempts: Int, dueAt: Double)
    case delivered(status: Int, latencyMillis: Double)
    /// Will not be sent again (refused, or retried too long); still in the log, redeliverable.
    case givenUp(reason: String)
    /// The webhook's event filter leaves it out.
    case notWanted
    /// Before this webhook was added: never queued for it.
    case notSent
    /// Sent, but its outcome is older than what delivery keeps.
    case forgotten
    /// Finished as far as the saved position tells (before the engine's last start, or as an
    /// attached dashboard sees it): delivered, unless the given-up log lists it.
    case finished
    /// Not finished as of the saved position: queued, being sent or waiting for a retry.
    case pending
    /// Given up, then sent again by hand with this outcome (e.g. `HTTP 200`).
    case redelivered(String)

    /// What the engine's saved `place` (nil: none saved yet) tells of `sequence` (named
    /// `eventName`) at `webhook` — all another process can know without asking the engine.
    public static func asSaved(_ place: DeliveryPlace?, sequence: UInt64, eventName: String, webhook: Webhook) -> EventDelivery {
        if !WebhookSettings(webhook).wants(eventName) { return .notWanted }
        guard let place else { return .pending }
        if sequence < place.since ?? 0 { return .notSent }
        return place.isFinished(sequence) ? .finished : .pending
    }

    /// This delivery with what `given-up.log` adds: the event given up (and maybe redelivered).
    public func noting(_ givenUp: GivenUpLog.Entry?) -> EventDelivery {
        guard let givenUp else { return self }
        switch self {
        case .finished, .givenUp, .forgotten:
            if let how = givenUp.redelivered { return .redelivered(how) }
            return .givenUp(reason: givenUp.reason)
        default: return self
        }
    }
}

/// The outcomes of a webhook's recent requests, by sequence number, bounded. (Which are in flight
/// is the lane's to say: it holds them.)
struct OutcomeRecord: Sendable {
    static let capacity = 4096

    private var outcomes: [UInt64: EventDelivery] = [:]
    private var order: [UInt64] = []
    private var orderStart = 0
    /// The first and newest sequences sent; outcomes in between that are no longer held are `forgotten`.
    private var sent: ClosedRange<UInt64>?

    mutating func sending(_ sequence: UInt64) {
        sent = sent.map { min($0.lowerBound, sequence)...max($0.upperBound, sequence) } ?? sequence...sequence
    }

    /// Records a finished request (a failure is then the lane's retry, or given up).
    mutating func record(_ outcome: HTTPOutcome, sequence: UInt64) {
        if outcome.isSuccess {
            remember(.delivered(status: outcome.status ?? 0, latencyMillis: outcome.latencySeconds * 1000), for: sequence)
        }
    }

    mutating func giveUp(_ sequence: UInt64, reason: String) {
        remember(.givenUp(reason: reason), for: sequence)
    }

    private mutating func remember(_ delivery: EventDelivery, for sequence: UInt64) {
        if outcomes.updateValue(delivery, forKey: sequence) == nil { order.append(sequence) }
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
        if let outcome = outcomes[sequence] { return outcome }
        if let sent, sent.contains(sequence) { return .forgotten }
        return .notSent
    }
}
