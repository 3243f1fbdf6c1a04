import struct Foundation.Data

/// A POST body as glustereventsd sends it to a webhook, read back for HTTP ingest.
public enum IngestedBody: Equatable, Sendable {
    /// Not an event: an empty body (gluster-eventsapi's `webhook-test`) or a `TEST` event (a test
    /// ping from eventsdash). Answered 200 and counted, never logged.
    case ping
    /// An event, with its body re-encoded the way glustereventsd encodes it (sorted keys), so the
    /// log holds the same bytes whichever way it arrived.
    case event(name: String, timestamp: Int64, nodeID: String, body: String)

    /// Why a body was refused, in words for the sender (it goes back in the 400 response).
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The longest event name accepted (the catalog's longest is 34).
    static let maxNameLength = 128
    /// The longest node id accepted: glusterd's are UUIDs (36 characters). Every node id is kept in
    /// the engine's node table and shown by `status`, so it is short and printable.
    public static let maxNodeIDLength = 64

    /// Reads `{"event": NAME, "message": {…}, "nodeid": ID, "ts": INT}`.
    public static func decode(_ bytes: some Collection<UInt8>) throws(Problem) -> IngestedBody {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return .ping }
        let json: JSONValue
        do {
            json = try JSONValue.parse(Data(bytes))
        } catch {
            throw Problem(description: "not JSON: \(error.description)")
        }
        guard json.objectMembers != nil else { throw Problem(description: "not a JSON object") }
        guard let name = json["event"]?.stringValue else { throw Problem(description: "\"event\" must be a string") }
        guard !name.isEmpty, name.count <= maxNameLength, name.unicodeScalars.allSatisfy(isNameCharacter) else {
            throw Problem(description: "\"event\" must be a name like VOLUME_CREATE")
        }
        if name == "TEST" { return .ping }
        guard let timestamp = json["ts"]?.intValue else { throw Problem(description: "\"ts\" must be an integer") }
        guard let nodeID = json["nodeid"]?.stringValue else { throw Problem(description: "\"nodeid\" must be a string") }
        guard (1...maxNodeIDLength).contains(nodeID.unicodeScalars.count), nodeID.unicodeScalars.allSatisfy(isNodeIDCharacter) else {
            throw Problem(
                description: "\"nodeid\" must be a node's id (glusterd's UUID): 1 to \(maxNodeIDLength) of A-Z a-z 0-9 . _ : -")
        }
        guard let message = json["message"], message.objectMembers != nil else {
            throw Problem(description: "\"message\" must be an object")
        }
        let body = JSONValue.object([
            ("event", .string(name)), ("message", message), ("nodeid", .string(nodeID)), ("ts", .int(timestamp)),
        ])
        return .event(name: name, timestamp: timestamp, nodeID: nodeID, body: body.encoded())
    }

    private static func isNodeIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
            || scalar == "-" || scalar == "." || scalar == ":"
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
            || scalar == "-" || scalar == "."
    }
}
