/// Why a datagram is not an event. Every rejected datagram is counted by its reason and shown.
public enum DatagramRejection: String, Error, Sendable, CaseIterable, CustomStringConvertible {
    /// Nothing but white space (or nothing at all).
    case empty
    /// A timestamp without an event number after it.
    case missingEventType = "missing-event-type"
    /// The first word is not a whole number of seconds.
    case nonNumericTimestamp = "non-numeric-timestamp"
    /// The second word is not a non-negative whole number.
    case nonNumericEventType = "non-numeric-event-type"
    /// Longer than the receive buffer: the receiver got only part of it.
    case truncated
    /// From an address `--allow-from` leaves out (not read at all).
    case sourceNotAllowed = "source-not-allowed"

    public var description: String {
        switch self {
        case .empty: "empty datagram"
        case .missingEventType: "no event number after the timestamp"
        case .nonNumericTimestamp: "timestamp is not a whole number"
        case .nonNumericEventType: "event number is not a non-negative whole number"
        case .truncated: "longer than the receive buffer (cut short, not passed on)"
        case .sourceNotAllowed: "from an address --allow-from leaves out"
        }
    }
}
