/// A straight line fitted to samples of a figure over time (least squares), and what it says:
/// when the figure will reach a limit. Only a clear trend is trusted: enough samples, over long
/// enough, that the line explains well (R²).
public struct Forecast: Sendable, Equatable {
    /// Change per second.
    public var slope: Double
    /// The line's value at `at`.
    public var value: Double
    public var at: Double
    /// How well the line explains the samples, 0…1.
    public var fit: Double

    /// Samples needed at least, and the fit.
    public static let minimumSamples = 6
    public static let minimumFit = 0.8

    /// The line through `samples` (time, value, oldest first), as of the newest; nil when the
    /// trend is not clear (too few samples, over less than `minimumSpan` seconds, or a poor fit).
    public init?(_ samples: [(time: Double, value: Double)], minimumSpan: Double) {
        guard samples.count >= Self.minimumSamples, let first = samples.first, let last = samples.last,
            last.time - first.time >= minimumSpan
        else { return nil }
        let count = Double(samples.count)
        let meanTime = samples.reduce(0) { $0 + $1.time } / count
        let meanValue = samples.reduce(0) { $0 + $1.value } / count
        var covariance = 0.0
        var timeVariance = 0.0
        var valueVariance = 0.0
        for sample in samples {
            let dt = sample.time - meanTime
            let dv = sample.value - meanValue
            covariance += dt * dv
            timeVariance += dt * dt
            valueVariance += dv * dv
        }
        guard timeVariance > 0 else { return nil }
        slope = covariance / timeVariance
        // a flat line explains a flat figure perfectly, but forecasts nothing
        fit = valueVariance > 0 ? covariance * covariance / (timeVariance * valueVariance) : 0
        guard fit >= Self.minimumFit, slope.isFinite else { return nil }
        at = last.time
        value = meanValue + slope * (last.time - meanTime)
        guard value.isFinite else { return nil }
    }

    /// When the line reaches `limit` (Unix seconds): nil when it moves away from it.
    public func reaches(_ limit: Double) -> Double? {
        guard slope != 0 else { return nil }
        let seconds = (limit - value) / slope
        guard seconds >= 0, seconds.isFinite, seconds < 1e10 else { return nil }
        return at + seconds
    }
}
