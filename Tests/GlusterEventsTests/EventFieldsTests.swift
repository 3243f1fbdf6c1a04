import GlusterEvents
import Testing

@Suite struct EventFieldsTests {
    private func message(_ text: String) throws -> JSONValue {
        try Datagram.parse(Array(text.utf8)).get().message
    }

    @Test func volumeSetOptionsBecomePairs() throws {
        #expect(
            try message("1 6 name=gv0;options=k1,v1,k2,v2")["options"]
                == .array([.array([.string("k1"), .string("v1")]), .array([.string("k2"), .string("v2")])]))
    }

    @Test func volumeSetOptionsAsGlusterHandlesEdgeCases() {
        #expect(EventFields.volumeSetOptions(",a,b,") == .array([.array([.string("a"), .string("b")])]))
        #expect(EventFields.volumeSetOptions("a,b,c") == .array([.array([.string("a"), .string("b")]), .array([.string("c")])]))
        #expect(EventFields.volumeSetOptions("") == .array([.array([.string("")])]))
    }

    @Test func missingOptionsOnVolumeSetStillBecomeAList() throws {
        #expect(try message("1 6 name=gv0")["options"] == .array([.array([.string("")])]))
    }

    @Test func optionsOfOtherEventsStayText() throws {
        #expect(try message("1 7 options=a,b")["options"] == .string("a,b"))
    }

    @Test(arguments: [("1", true), ("on", true), ("TRUE", true), ("yes", true), ("0", false), ("off", false), ("x", false)])
    func booleanFields(raw: String, expected: Bool) throws {
        let m = try message("1 11 force=\(raw);push-pem=\(raw);no-verify=\(raw)")
        #expect(m["force"] == .bool(expected))
        #expect(m["push-pem"] == .bool(expected))
        #expect(m["no-verify"] == .bool(expected))
    }

    @Test func sshPortBecomesAnIntegerWhenItIsOne() throws {
        #expect(try message("1 11 ssh-port=2222")["ssh-port"] == .int(2222))
        #expect(try message("1 11 ssh-port=abc")["ssh-port"] == .string("abc"))
    }
}
