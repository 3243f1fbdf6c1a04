import Foundation
import GlusterEvents
import Testing

@Suite struct WebhookJSONTests {
    @Test func bodyHasGlusterKeysSortedAndTypes() throws {
        let event = try Datagram.parse(Array("1700000000 6 volume=gv0;force=yes;options=a,b".utf8)).get()
        #expect(
            event.webhookBody(nodeID: "n-1")
                == #"{"event": "VOLUME_SET", "message": {"force": true, "options": [["a", "b"]], "volume": "gv0"}, "nodeid": "n-1", "ts": 1700000000}"#
        )
    }

    /// Python's json.dumps(sort_keys=True) is what glustereventsd sends: the bytes must match.
    @Test func matchesPythonJsonDumpsByteForByte() throws {
        let value = JSONValue.object([
            ("zeta", .string("quote \" backslash \\ slash / tab \t nl \n cr \r bell \u{07} del \u{7F}")),
            ("alpha", .string("é ü 日本 😀 \u{2028}")),
            ("Bee", .array([.int(-3), .bool(true), .bool(false), .null, .array([])])),
            ("é-key", .object([])),
            ("_", .int(9_007_199_254_740_993)),
        ])
        let ours = value.encoded()
        let python = try Python.run(
            "import json,sys; print(json.dumps(json.loads(sys.stdin.read()), sort_keys=True), end='')", input: ours)
        #expect(ours == python)
    }

    /// Found by fuzzing: an integer above Int64's range wrapped to a negative number (a body's "ts"
    /// of 17000000000000000000 was logged as -1446744073709551616).
    @Test func integersBeyondInt64DoNotWrap() throws {
        #expect(try JSONValue.parse("15106511858924763780") == .double(15106511858924763780))
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONValue.parse(#"{"ts": 17000000000000000000}"#)["ts"]?.intValue == nil)
    }
}
