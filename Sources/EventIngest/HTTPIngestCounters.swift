import Synchronization

/// Why HTTP ingest refused a request.
public enum HTTPIngestRejection: String, CaseIterable, Sendable {
    case unauthorized
    /// Not glustereventsd's JSON (the 400 response says what is wrong).
    case badBody = "bad_body"
    case tooLarge = "too_large"
    case notFound = "not_found"
    case method
}

/// What HTTP ingest has seen, shared lock-free between its thread and readers.
/// `requests` = `events` + `pings` + `rejected`.
public final class HTTPIngestCounters: Sendable {
    public let requests = Atomic<Int>(0)
    public let events = Atomic<Int>(0)
    public let pings = Atomic<Int>(0)
    private let rejectedByReason = Mutex([HTTPIngestRejection: Int]())

    public init() {}

    func countRejected(_ reason: HTTPIngestRejection) {
        rejectedByReason.withLock { $0[reason, default: 0] += 1 }
    }

    public func snapshot() -> Snapshot {
        let rejected = rejectedByReason.withLock { $0 }
        return Snapshot(
            requests: requests.load(ordering: .relaxed), events: events.load(ordering: .relaxed),
            pings: pings.load(ordering: .relaxed), rejected: rejected.values.reduce(0, +),
            rejectedByReason: Dictionary(uniqueKeysWithValues: rejected.map { ($0.key.rawValue, $0.value) }))
    }

    public struct Snapshot: Sendable, Equatable {
        public var requests: Int
        public var events: Int
        public var pings: Int
        public var rejected: Int
        public var rejectedByReason: [String: Int]
    }
}
