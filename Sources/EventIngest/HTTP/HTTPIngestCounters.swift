import Synchronization

/// Why HTTP ingest refused a request.
public enum HTTPIngestRejection: String, CaseIterable, Sendable {
    case unauthorized
    /// Not glustereventsd's JSON (the 400 response says what is wrong).
    case badBody = "bad_body"
    case tooLarge = "too_large"
    case notFound = "not_found"
    case method
    /// Not HTTP/1 that NIO's parser accepts (answered 400), or a head over the limit (431).
    case malformed
    /// The bodies held in memory over all connections reached their budget (503, `Retry-After`).
    case busy

    /// The status code such a request is answered with (a head over the limit gets 431, counted
    /// as malformed with the rest).
    public var statusCode: Int {
        switch self {
        case .unauthorized: 401
        case .badBody, .malformed: 400
        case .tooLarge: 413
        case .notFound: 404
        case .method: 405
        case .busy: 503
        }
    }
}

/// Why HTTP ingest closed a connection on its own: each is a limit reached.
public enum HTTPIngestClosure: String, CaseIterable, Sendable {
    /// More connections were open than allowed: closed as soon as accepted.
    case connectionLimit = "connection_limit"
    /// No request under way for the idle timeout.
    case idleTimeout = "idle_timeout"
    /// A request did not arrive whole within the request timeout (slowloris).
    case requestTimeout = "request_timeout"
    /// The client left more responses unread than allowed (pipelining without reading).
    case unreadResponses = "unread_responses"
}

/// What HTTP ingest has seen, shared lock-free between its thread and readers.
/// `requests` = `events` + `pings` + `scrapes` + `rejected`.
public final class HTTPIngestCounters: Sendable {
    public let requests = Atomic<Int>(0)
    public let events = Atomic<Int>(0)
    public let pings = Atomic<Int>(0)
    /// `GET /metrics` answered.
    public let scrapes = Atomic<Int>(0)
    /// Connections open now.
    let openConnections = Atomic<Int>(0)
    private let rejectedByReason = Mutex([HTTPIngestRejection: Int]())
    private let closedByReason = Mutex([HTTPIngestClosure: Int]())

    public init() {}

    /// Counts a request refused for `reason` (it is a request too).
    func countRejected(_ reason: HTTPIngestRejection) {
        requests.add(1, ordering: .relaxed)
        rejectedByReason.withLock { $0[reason, default: 0] += 1 }
    }

    func countClosed(_ reason: HTTPIngestClosure) {
        closedByReason.withLock { $0[reason, default: 0] += 1 }
    }

    public func snapshot() -> Snapshot {
        let rejected = rejectedByReason.withLock { $0 }
        let closed = closedByReason.withLock { $0 }
        return Snapshot(
            requests: requests.load(ordering: .relaxed), events: events.load(ordering: .relaxed),
            pings: pings.load(ordering: .relaxed), scrapes: scrapes.load(ordering: .relaxed), rejected: rejected.values.reduce(0, +),
            rejectedByReason: Dictionary(uniqueKeysWithValues: rejected.map { ($0.key.rawValue, $0.value) }),
            closedByReason: Dictionary(uniqueKeysWithValues: closed.map { ($0.key.rawValue, $0.value) }),
            openConnections: openConnections.load(ordering: .relaxed))
    }

    public struct Snapshot: Sendable, Equatable {
        public var requests: Int
        public var events: Int
        public var pings: Int
        public var scrapes: Int
        public var rejected: Int
        public var rejectedByReason: [String: Int]
        public var closedByReason: [String: Int]
        public var openConnections: Int
    }
}
