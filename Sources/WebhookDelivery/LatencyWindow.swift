/// The latencies of a webhook's most recent requests, for percentiles (p50, p99) that follow what
/// the webhook does now rather than since start.
struct LatencyWindow: Sendable {
    static let capacity = 512

    private var samples: [Double] = []
    private var next = 0

    mutating func record(_ millis: Double) {
        if samples.count < Self.capacity {
            samples.append(millis)
        } else {
            samples[next] = millis
        }
        next = (next + 1) % Self.capacity
    }

    /// The `fraction` percentile (nearest rank), or nil before any request.
    func percentile(_ fraction: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}
