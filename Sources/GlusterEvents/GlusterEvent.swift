/// One decoded GlusterFS event.
public struct GlusterEvent: Sendable, Equatable {
    /// Unix seconds, as the sender stamped it.
    public var timestamp: Int64
    /// The event number (an index into `EventCatalog`, or beyond it for a newer gluster).
    public var type: Int
    /// The event's fields, typed as glustereventsd types them (see `EventFields`).
    public var message: JSONValue

    /// The published name, e.g. `VOLUME_CREATE`, or `UNKNOWN_<n>`.
    public var name: String { EventCatalog.name(of: type) }

    public init(timestamp: Int64, type: Int, message: JSONValue) {
        self.timestamp = timestamp
        self.type = type
        self.message = message
    }

    /// An event from a datagram's raw `key=value` pairs, with gluster's field handling applied.
    public init(timestamp: Int64, type: Int, rawFields: [(key: String, value: String)]) {
        self.init(timestamp: timestamp, type: type, message: EventFields.message(type: type, rawFields: rawFields))
    }

    /// The JSON glustereventsd POSTs to webhooks: `{"event", "message", "nodeid", "ts"}`, keys sorted.
    public func webhookBody(nodeID: String) -> String {
        JSONValue.object([
            ("event", .string(name)),
            ("message", message),
            ("nodeid", .string(nodeID)),
            ("ts", .int(timestamp)),
        ]).encoded()
    }
}
