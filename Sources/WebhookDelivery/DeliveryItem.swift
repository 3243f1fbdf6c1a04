/// One logged event to deliver: its identity, what the JWT needs, and the exact body.
public struct DeliveryItem: Sendable {
    public var sequence: UInt64
    public var eventName: String
    public var eventTimestamp: Int64
    public var body: String
    /// false for an event that arrived by HTTP ingest while forwarding those is off: it is passed
    /// over like an event the webhook's filter leaves out.
    public var forwardable: Bool
    /// When eventsdash received it (Unix milliseconds): how long it has waited.
    public var receivedAtMillis: Int64

    public init(
        sequence: UInt64, eventName: String, eventTimestamp: Int64, body: String, forwardable: Bool = true,
        receivedAtMillis: Int64 = 0
    ) {
        self.sequence = sequence
        self.receivedAtMillis = receivedAtMillis
        self.eventName = eventName
        self.eventTimestamp = eventTimestamp
        self.body = body
        self.forwardable = forwardable
    }
}
