import GlusterEvents
import Testing

@Suite struct GlobTests {
    @Test(arguments: [
        ("gv*", "GV0", true), ("gv?", "gv10", false), ("*down*", "brick_down_now", true), ("", "", true),
        ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false), ("exact", "exact", true), ("exact", "exactly", false),
    ])
    func matchesWithoutCase(pattern: String, text: String, expected: Bool) {
        #expect(Glob(pattern).matches(text) == expected)
    }

    @Test func knowsWhetherItHasWildcards() {
        #expect(Glob("gv*").hasWildcards)
        #expect(!Glob("gv0").hasWildcards)
    }
}

@Suite struct PrettyJSONTests {
    @Test func oneMemberPerLineSortedWithReadableText() throws {
        let value = try JSONValue.parse(#"{"ts": 1, "message": {"name": "gv0", "opts": [["a", "b"]], "e": {}}, "event": "X", "n": "日本\u0001"}"#)
        #expect(
            value.prettyLines() == [
                "{",
                #"  "event": "X","#,
                #"  "message": {"#,
                #"    "e": {},"#,
                #"    "name": "gv0","#,
                #"    "opts": ["#,
                #"      ["#,
                #"        "a","#,
                #"        "b""#,
                #"      ]"#,
                #"    ]"#,
                #"  },"#,
                #"  "n": "日本\u0001","#,
                #"  "ts": 1"#,
                "}",
            ])
    }

    @Test func scalarsStandAlone() {
        #expect(JSONValue.int(5).prettyLines() == ["5"])
        #expect(JSONValue.array([]).prettyLines() == ["[]"])
    }
}

@Suite struct WebhookBodyHeaderTests {
    @Test func readsNameAndTimestampOffTheEndsOfOurBodies() throws {
        let body = GlusterEvent(timestamp: 1_700_000_000, type: 2, rawFields: [("name", "gv0")]).webhookBody(nodeID: "n")
        let header = try #require(WebhookBodyHeader.nameAndTimestamp(of: body))
        #expect(header.name == "VOLUME_CREATE" && header.timestamp == 1_700_000_000)
    }

    @Test func parsesOtherBodies() throws {
        let header = try #require(WebhookBodyHeader.nameAndTimestamp(of: #"{"ts": 5, "event": "X_Y", "message": {}}"#))
        #expect(header.name == "X_Y" && header.timestamp == 5)
        #expect(WebhookBodyHeader.nameAndTimestamp(of: "not json") == nil)
    }
}
