/// A finished delivery request, as the engine's `/metrics` histograms take it.
public struct RequestTiming: Sendable, Equatable {
    public var url: String
    public var requestSeconds: Double
    /// From the event's receipt to this success; nil when the request failed (or the receipt time
    /// is not known).
    public var deliveredAfterSeconds: Double?
}
