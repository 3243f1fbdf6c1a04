import GlusterEvents
import Testing

/// Text from outside is bounded in bytes, never cut inside a character.
@Suite struct UTF8PrefixTests {
    @Test func aStringIsCutAtACharacterBoundaryWithinTheBytes() {
        #expect("gv0".prefix(utf8Bytes: 3) == "gv0")
        #expect("gv0".prefix(utf8Bytes: 2) == "gv")
        #expect("éé".prefix(utf8Bytes: 3) == "é")  // 2 bytes each: the second does not fit
        #expect("👩‍👩‍👧".prefix(utf8Bytes: 10) == "")  // one character of 18 bytes
        #expect("abc".prefix(utf8Bytes: 0) == "")
    }
}
