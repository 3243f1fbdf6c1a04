import GlusterEvents
import Synchronization

/// What the receiver has seen, shared lock-free between the receiving threads and readers.
///
/// `received` = `accepted` + `rejected`; `truncated` is the part of `rejected` that was longer
/// than the receive buffer.
public final class IngestCounters: Sendable {
    public let received = Atomic<Int>(0)
    public let accepted = Atomic<Int>(0)
    public let rejected = Atomic<Int>(0)
    /// Rejections by reason, indexed like `DatagramRejection.allCases`.
    private let rejectedByReason = Mutex([Int](repeating: 0, count: DatagramRejection.allCases.count))

    public init() {}

    public var truncated: Int { rejected(for: .truncated) }

    public func rejected(for reason: DatagramRejection) -> Int {
        rejectedByReason.withLock { $0[Self.index(of: reason)] }
    }

    func countRejected(_ reason: DatagramRejection) {
        rejectedByReason.withLock { $0[Self.index(of: reason)] += 1 }
        rejected.add(1, ordering: .relaxed)
    }

    private static func index(of reason: DatagramRejection) -> Int {
        DatagramRejection.allCases.firstIndex(of: reason)!
    }

    /// A consistent-enough copy for display and status.
    public func snapshot() -> Snapshot {
        Snapshot(
            received: received.load(ordering: .relaxed), accepted: accepted.load(ordering: .relaxed),
            rejected: rejected.load(ordering: .relaxed),
            rejectedByReason: Dictionary(
                uniqueKeysWithValues: DatagramRejection.allCases.map { ($0.rawValue, rejected(for: $0)) }))
    }

    public struct Snapshot: Sendable, Codable, Equatable {
        public var received: Int
        public var accepted: Int
        public var rejected: Int
        public var rejectedByReason: [String: Int]
        public var truncated: Int { rejectedByReason[DatagramRejection.truncated.rawValue] ?? 0 }
    }
}
