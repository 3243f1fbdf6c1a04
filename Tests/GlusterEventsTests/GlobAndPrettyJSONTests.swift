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
