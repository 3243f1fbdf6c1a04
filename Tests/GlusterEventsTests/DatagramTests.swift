import GlusterEvents
import Testing

@Suite struct DatagramTests {
    private func parse(_ text: String) -> Result<GlusterEvent, DatagramRejection> {
        Datagram.parse(Array(text.utf8))
    }

    private func message(_ text: String) throws -> JSONValue {
        try parse(text).get().message
    }

    @Test func parsesTheWireFormat() throws {
        let event = try parse("1700000000 2 name=gv0;type=Replicate").get()
        #expect(event.timestamp == 1_700_000_000)
        #expect(event.type == 2)
        #expect(event.name == "VOLUME_CREATE")
        #expect(event.message == .object([("name", .string("gv0")), ("type", .string("Replicate"))]))
    }

    @Test func keepsValuesThatContainEquals() throws {
        #expect(try message("1 2 url=http://h/?a=b&c=d") == .object([("url", .string("http://h/?a=b&c=d"))]))
    }

    @Test func trimsWhitespaceAroundKeys() throws {
        #expect(try message("1 2  name =gv0; brick=b1") == .object([("name", .string("gv0")), ("brick", .string("b1"))]))
    }

    @Test func acceptsAnEmptyDetail() throws {
        #expect(try message("1 2") == .object([]))
        #expect(try message("1 2 ") == .object([]))
        #expect(try message("1 2 ;;") == .object([]))
    }

    @Test func stripsTrailingNewlinesAndNULs() throws {
        #expect(try message("1 2 name=gv0\n\0") == .object([("name", .string("gv0"))]))
    }

    @Test func keepsAPairWithoutEqualsAsAnEmptyValue() throws {
        #expect(try message("1 2 flag;name=x") == .object([("flag", .string("")), ("name", .string("x"))]))
    }

    @Test func lastDuplicateKeyWins() throws {
        #expect(try message("1 2 a=1;a=2") == .object([("a", .string("2"))]))
    }

    @Test func keepsUnknownEventNumbers() throws {
        let event = try parse("1 500 x=y").get()
        #expect(event.name == "UNKNOWN_500")
        #expect(event.message == .object([("x", .string("y"))]))
    }

    @Test func keepsInvalidUTF8Escaped() throws {
        let bytes = Array("1 2 name=ab".utf8) + [0xFF, 0xC3] + Array("cd;ok=é".utf8)
        let event = try Datagram.parse(bytes).get()
        #expect(event.message == .object([("name", .string("ab\\xff\\xc3cd")), ("ok", .string("é"))]))
    }

    @Test func acceptsNegativeTimestamps() throws {
        #expect(try parse("-5 2").get().timestamp == -5)
    }

    @Test(arguments: [
        ("", DatagramRejection.empty), ("  \n", .empty), ("1700000000", .missingEventType),
        ("1700000000 ", .missingEventType), ("abc 2 x=y", .nonNumericTimestamp), ("1.5 2 x=y", .nonNumericTimestamp),
        ("99999999999999999999 2", .nonNumericTimestamp), ("1 two x=y", .nonNumericEventType),
        ("1 -2 x=y", .nonNumericEventType), ("1 99999999999 x=y", .nonNumericEventType),
    ])
    func rejectsWithAReason(text: String, reason: DatagramRejection) {
        #expect(throws: reason) { try parse(text).get() }
    }

    @Test func encodesWhatItParses() throws {
        let bytes = Datagram.encode(timestamp: 42, type: 3, fields: [("name", "gv0"), ("x", "a=b")])
        #expect(String(decoding: bytes, as: UTF8.self) == "42 3 name=gv0;x=a=b")
        let event = try Datagram.parse(bytes).get()
        #expect(event.message == .object([("name", .string("gv0")), ("x", .string("a=b"))]))
    }
}
