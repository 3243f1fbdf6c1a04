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
        WebhookBodyEncoder(nodeID: nodeID).body(of: self)
    }
}

/// Builds webhook bodies for one node: the same bytes as encoding the whole object, with the
/// constant parts encoded once (this runs for every received event).
public struct WebhookBodyEncoder: Sendable {
    private let nodeIDPart: [UInt8]

    public init(nodeID: String) {
        var part = Array(#", "nodeid": "#.utf8)
        JSONValue.writeString(nodeID, to: &part)
        part.append(contentsOf: #", "ts": "#.utf8)
        nodeIDPart = part
    }

    public func body(of event: GlusterEvent) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(160)
        out.append(contentsOf: #"{"event": "#.utf8)
        JSONValue.writeString(event.name, to: &out)
        out.append(contentsOf: #", "message": "#.utf8)
        event.message.write(to: &out)
        out.append(contentsOf: nodeIDPart)
        out.appendDecimal(event.timestamp)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
