import GlusterEvents
import Testing

@Suite struct TerminalTextTests {
    /// An event's text cannot act on the terminal or disguise itself: controls and the invisible
    /// characters that reorder or hide text are shown as escapes; joiners in emoji stay.
    @Test func controlAndInvisibleCharactersAreShownEscaped() {
        #expect(TerminalText.escaped("a\u{1B}]0;title\u{07}b") == "a\\x1b]0;title\\x07b")
        #expect(TerminalText.escaped("x\ny\tz\r") == "x\\ny\\tz\\r")
        #expect(TerminalText.escaped("\u{9B}31m") == "\\x9b31m")
        #expect(TerminalText.escaped("file\u{202E}txt.exe") == "file\\u202etxt.exe")
        #expect(TerminalText.escaped("a\u{200B}b\u{2066}c\u{FEFF}") == "a\\u200bb\\u2066c\\ufeff")
        #expect(TerminalText.escaped("👨\u{200D}👩\u{200D}👧 日本") == "👨\u{200D}👩\u{200D}👧 日本")
    }
}
