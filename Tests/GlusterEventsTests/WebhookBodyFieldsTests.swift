import Testing

@testable import GlusterEvents

/// The fast way and the full parse read every body alike; the fast way takes the bodies eventsdash
/// writes, and leaves anything else to the parse.
@Suite struct WebhookBodyFieldsTests {
    static let node = "4c10a802-8828-4a11-b79a-1ba06a18f9c0"

    private func body(_ datagram: String) throws -> String {
        try Datagram.parse(Array(datagram.utf8)).get().webhookBody(nodeID: Self.node)
    }

    @Test(arguments: [
        "1796070888 76 peer=vm;volume=gv0;brick=/bricks/gv0/b1",
        "1796070901 107 client-pid=-6; subvol=gv0-replicate-0",
        "1796070883 3 name=gv0;force=0",
        "1 110 client-pid=-6;subvol=v-replicate-0;type=gfid;file=<gfid:7e2a>/dir/\"quoted\"\\back>;count=2",
        "1 95 Usage=1.5GB;volume=gv0;path=/ünïcödé/日本/😀",
        "1 66 svc_name=glustershd",
        "1 2 name=gv0;bricks= vm:/b1 vm:/b2",
        "1 76",
        "1 4 name=gv0;junk=\u{01}\u{1F}\u{7F}",
    ])
    func bodiesEventsdashWritesAreReadWithoutTheParser(datagram: String) throws {
        let text = try body(datagram)
        let read = try #require(WebhookBodyFields.fast(text))
        #expect(read == WebhookBodyFields.parsed(text))
        #expect(read.nodeID == Self.node)
    }

    @Test func fieldsAreTrimmedAndTyped() throws {
        let read = try #require(WebhookBodyFields.read(try body("1796070901 107 client-pid=-6; subvol=gv0-replicate-0")))
        #expect(read.fields == ["client-pid": "-6", "subvol": "gv0-replicate-0"])
        let forced = try #require(WebhookBodyFields.read(try body("1 3 name=gv0;force=1")))
        #expect(forced.fields == ["name": "gv0", "force": "true"])
    }

    /// Bodies in another form (as HTTP ingest stores them, as they were posted) read the same.
    @Test(arguments: [
        #"{"ts": 1, "event": "BRICK_CONNECTED", "nodeid": "n", "message": {"volume": "gv0", "brick": "/b"}}"#,
        #"{"event": "X", "message": {"b": 1.5, "a": [1], "c": {"d": 2}, "e": null, "f": 12}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"z": "1", "a": "2"}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {" k": "1", "k": "2"}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"k": "1", "k": "2"}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"k": "\ud83d\ude00 \u00e9 \/ \n"}, "nodeid": "n", "ts": 12345678901234567890}"#,
        #"{"event":"X","message":{"k":"v"},"nodeid":"n","ts":1}"#,
        #"{"event": "X", "message": {"k": "\ud83d"}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"k": "\u00E9\u00e9"}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"k": "\u+0e9"}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"k": "\u-001"}, "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"k": "\u00g1"}, "nodeid": "n", "ts": 1}"#,
    ])
    func otherFormsReadAsTheParserReadsThem(text: String) {
        #expect(WebhookBodyFields.read(text) == WebhookBodyFields.parsed(text))
    }

    @Test(arguments: [
        "", "{", "[]", #"{"event": "X", "message": "text", "nodeid": "n", "ts": 1}"#,
        #"{"event": "X", "message": {"k": "v"}, "nodeid": "n", "ts": 1} trailing"#,
    ])
    func whatIsNoBodyIsNil(text: String) {
        #expect(WebhookBodyFields.read(text) == nil)
    }
}
