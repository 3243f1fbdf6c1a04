import Synchronization

/// The bytes of request bodies held in memory over all HTTP-ingest connections, against one
/// budget: a connection reserves what it will hold before reading it, and returns it when done.
public final class HTTPBodyBudget: Sendable {
    private let limit: Int
    private let reserved = Atomic<Int>(0)

    public init(limit: Int) { self.limit = limit }

    /// Takes `bytes` from the budget; false (nothing taken) when they do not fit.
    func reserve(_ bytes: Int) -> Bool {
        var current = reserved.load(ordering: .relaxed)
        while true {
            guard bytes <= limit - current else { return false }
            let (exchanged, original) = reserved.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    func release(_ bytes: Int) {
        reserved.subtract(bytes, ordering: .relaxed)
    }

    /// The bytes reserved now.
    public var inUse: Int { reserved.load(ordering: .relaxed) }
}
