@testable import Dashboard
import Testing

@Suite struct LineEditorTests {
    private func typed(_ text: String, into editor: inout LineEditor) {
        for character in text { _ = editor.handle(.character(character)) }
    }

    @Test func typesMovesAndDeletesLikeReadline() {
        var editor = LineEditor()
        typed("hello world", into: &editor)
        #expect(editor.string == "hello world")
        _ = editor.handle(.control("w"))
        #expect(editor.string == "hello ")
        _ = editor.handle(.home)
        _ = editor.handle(.delete)
        _ = editor.handle(.right)
        typed("X", into: &editor)
        #expect(editor.string == "eXllo ")
        _ = editor.handle(.backspace)
        _ = editor.handle(.end)
        _ = editor.handle(.backspace)
        #expect(editor.string == "ello")
        _ = editor.handle(.left)
        _ = editor.handle(.control("u"))
        #expect(editor.string == "o")
        _ = editor.handle(.control("k"))
        #expect(editor.string == "")
        let used = editor.handle(.enter)
        #expect(!used)  // not an editing key
    }

    @Test func untouchedFieldsAreNotEdited() {
        var editor = LineEditor("kept")
        #expect(!editor.edited)
        _ = editor.handle(.left)
        #expect(!editor.edited)
        _ = editor.handle(.backspace)
        #expect(editor.edited)
    }

    @Test func maskedFieldsShowOnlyBullets() {
        var editor = LineEditor(masked: true)
        typed("s3cret", into: &editor)
        let shown = editor.visible(width: 20)
        #expect(shown.text == "••••••")
        #expect(shown.cursorColumn == 6)
        #expect(!shown.text.contains("s3cret"))
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        var editor = LineEditor(String(repeating: "a", count: 30) + "END")
        let end = editor.visible(width: 10)
        #expect(end.text.hasSuffix("END"))
        #expect(end.cursorColumn == 9)
        _ = editor.handle(.home)
        let start = editor.visible(width: 10)
        #expect(start.cursorColumn == 0)
        #expect(start.text == String(repeating: "a", count: 9))
    }

    @Test func controlCharactersAreShownEscaped() {
        let editor = LineEditor("a\u{1B}b")
        #expect(editor.visible(width: 20).text == "a\\x1bb")
    }
}
