/// One logged event to deliver: its identity, what the JWT needs, and the exact body.
public struct DeliveryItem: Sendable {
    public var sequence: UInt64
    public var eventName: String
    public var eventTimestamp: Int64
    public var body: String

    public init(sequence: UInt64, eventName: String, eventTimestamp: Int64, body: String) {
        self.sequence = sequence
        self.eventName = eventName
        self.eventTimestamp = eventTimestamp
        self.body = body
    }
}
