import GlusterEvents
import Testing

@Suite struct IngestedBodyTests {
    private func decode(_ text: String) throws(IngestedBody.Problem) -> IngestedBody {
        try IngestedBody.decode(Array(text.utf8))
    }

    @Test func glustereventsdsBodyIsAnEventReencodedTheSameWay() throws {
        // Keys in another order and compact separators: logged as glustereventsd would have sent it.
        let body = try decode(#"{"ts":1700000000,"nodeid":"n-1","message":{"name":"gv0","force":true},"event":"VOLUME_START"}"#)
        let expected = GlusterEvent(timestamp: 1_700_000_000, type: 3, message: .object([("force", .bool(true)), ("name", .string("gv0"))]))
            .webhookBody(nodeID: "n-1")
        #expect(body == .event(name: "VOLUME_START", timestamp: 1_700_000_000, nodeID: "n-1", body: expected))
    }

    @Test func emptyBodiesAndTestEventsArePings() throws {
        #expect(try decode("") == .ping)
        #expect(try decode(" \r\n") == .ping)
        #expect(try decode(#"{"event": "TEST", "message": {}, "nodeid": "x", "ts": 1}"#) == .ping)
    }

    /// A node id is kept in the engine's node table and printed by `status`: glusterd's are UUIDs.
    static let badNodeIDs: [(String, String)] = [
        String(repeating: "n", count: 2048), String(repeating: "n", count: 65), "", "node\\u001b]0;pwned\\u0007\\u001b[2J",
        "node\\u009b31m", "node\\u202e", "node\\r", "two words", "node/../x",
    ].map { (#"{"event": "X", "ts": 1, "nodeid": "\#($0)", "message": {}}"#, #""nodeid" must be a node's id (glusterd's UUID)"#) }

    @Test func nodeIDsLikeGlusterdsAreTaken() throws {
        for id in ["4c10a802-8828-4a11-b79a-1ba06a18f9c0", "n", String(repeating: "n", count: 64), "host.example:24007", "a_b"] {
            guard case .event(_, _, let nodeID, _) = try decode(#"{"event": "X", "ts": 1, "nodeid": "\#(id)", "message": {}}"#) else {
                Issue.record("\(id) was not taken")
                continue
            }
            #expect(nodeID == id)
        }
    }

    @Test func whatIsWrongIsSaid() {
        let cases: [(String, String)] = [
            ("{", "not JSON"),
            ("[1]", "not a JSON object"),
            (#"{"event": 5}"#, #""event" must be a string"#),
            (#"{"event": "VOLUME_START\u001b[2J"}"#, #""event" must be a name like VOLUME_CREATE"#),
            (#"{"event": "X", "ts": "soon"}"#, #""ts" must be an integer"#),
            (#"{"event": "X", "ts": 1}"#, #""nodeid" must be a string"#),
            (#"{"event": "X", "ts": 1, "nodeid": "n", "message": []}"#, #""message" must be an object"#),
        ]
        for (text, problem) in cases + Self.badNodeIDs {
            #expect(throws: IngestedBody.Problem.self, "\(text)") { try decode(text) }
            do {
                _ = try decode(text)
            } catch {
                #expect(error.description.hasPrefix(problem), "\(text): \(error)")
            }
        }
    }

}

@Suite struct PeerListTests {
    @Test func namesEachPeerAndThisNodeByItsHostName() {
        let text = """
            UUID\t\t\t\t\tHostname \tState
            77aa1bcd-1111-4222-8333-944455556666\tgluster-2\tConnected 
            4C10A802-8828-4a11-b79a-1ba06a18f9c0\tlocalhost\tConnected 
            Connection failed. Please check if gluster daemon is operational.
            """
        #expect(
            PeerList.parse(text, localHostname: "vm") == [
                "77aa1bcd-1111-4222-8333-944455556666": "gluster-2", "4c10a802-8828-4a11-b79a-1ba06a18f9c0": "vm",
            ])
    }
}
