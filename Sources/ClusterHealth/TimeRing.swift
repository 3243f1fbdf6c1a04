/// The last `capacity` moments something happened, oldest first; older ones are forgotten.
struct TimeRing: Sendable {
    private var times: [Double] = []
    private var start = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    mutating func append(_ time: Double) {
        if times.count < capacity {
            times.append(time)
        } else {
            times[start] = time
            start = (start + 1) % capacity
        }
    }

    /// How many fall in `from ..< to`.
    func count(from: Double, to: Double) -> Int {
        times.reduce(0) { $0 + (from <= $1 && $1 < to ? 1 : 0) }
    }

    /// Every moment kept, in no particular order.
    var all: [Double] { times }

    var last: Double? { times.isEmpty ? nil : times[(start + times.count - 1) % times.count] }

    /// Forgets the latest moment (one taken back).
    mutating func removeLast() {
        guard !times.isEmpty else { return }
        if times.count < capacity {
            times.removeLast()
        } else {
            // full: the latest is just before `start`; the ring becomes a plain array, oldest first
            times = (0..<capacity - 1).map { times[(start + $0) % capacity] }
            start = 0
        }
    }
}
