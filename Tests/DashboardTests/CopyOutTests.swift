@testable import Dashboard
import Foundation
import GlusterEvents
import Synchronization
import Testing

/// An event's JSON copied out of the detail view: OSC 52 for the clipboard, a file otherwise.
@Suite struct CopyOutTests {
    let fixture = DashboardFixture()

    @Test func osc52CarriesTheTextInBase64EndedByBEL() throws {
        let copy = try ClipboardCopy(#"{"event":"VOLUME_CREATE","message":{"name":"gv0 ✓"}}"#)
        let text = String(decoding: copy.sequence, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}]52;c;") && text.hasSuffix("\u{07}"))
        let payload = text.dropFirst("\u{1B}]52;c;".count).dropLast()
        #expect(String(decoding: Data(base64Encoded: String(payload))!, as: UTF8.self) == #"{"event":"VOLUME_CREATE","message":{"name":"gv0 ✓"}}"#)
        // Nothing in the payload can end the sequence early or start another.
        #expect(!payload.contains { $0 == "\u{07}" || $0 == "\u{1B}" })
        #expect(copy.textBytes == 54)  // ✓ is three bytes
    }

    @Test func textOverTheTerminalsLimitIsRefusedWholeNotCut() {
        let fits = String(repeating: "x", count: 75_000)  // 100,000 bytes of base64
        #expect((try? ClipboardCopy(fits))?.sequence.count == 100_000 + 8)
        #expect(throws: ClipboardCopy.TooLarge(bytes: 75_001)) { try ClipboardCopy(fits + "x") }
        #expect(ClipboardCopy.TooLarge(bytes: 75_001).description.contains("w writes it to a file"))
    }

    @Test func aFileIsWrittenNewAndNeverOverAnotherUnlessAsked() throws {
        let directory = try Scratch()
        let path = directory.file("event-7.json")
        #expect(try EventFile.write(#"{"a":1}"#, to: path, overwrite: false) == path)
        #expect(directory.read("event-7.json") == "{\"a\":1}\n")
        #expect(throws: EventFile.WriteError.exists(path)) { try EventFile.write("{}", to: path, overwrite: false) }
        #expect(directory.read("event-7.json") == "{\"a\":1}\n")  // untouched
        try EventFile.write(#"{"b":2}"#, to: path, overwrite: true)
        #expect(directory.read("event-7.json") == "{\"b\":2}\n")
        // Not through a symbolic link, and errors say what is wrong.
        try FileManager.default.createSymbolicLink(atPath: directory.file("link.json"), withDestinationPath: path)
        #expect(throws: EventFile.WriteError.failed(directory.file("link.json"), reason: "it is a symbolic link (not followed)")) {
            try EventFile.write("{}", to: directory.file("link.json"), overwrite: true)
        }
        #expect(throws: EventFile.WriteError.failed(directory.file("none/e.json"), reason: "No such file or directory")) {
            try EventFile.write("{}", to: directory.file("none/e.json"), overwrite: false)
        }
        #expect(throws: EventFile.WriteError.emptyPath) { try EventFile.write("{}", to: "  ", overwrite: false) }
        #expect(EventFile.defaultPath(sequence: 42) == "./event-42.json")
    }

    /// An event may carry what only its readers should see: written 0600, also over a file that
    /// was readable by all.
    @Test func theFileIsTheUsersAlone() throws {
        let directory = try Scratch()
        let path = directory.file("e.json")
        try EventFile.write("{}", to: path, overwrite: false)
        #expect(try Self.mode(path) == 0o600)
        _ = FileManager.default.createFile(atPath: directory.file("old.json"), contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        try EventFile.write("{}", to: directory.file("old.json"), overwrite: true)
        #expect(try Self.mode(directory.file("old.json")) == 0o600 && directory.read("old.json") == "{}\n")
    }

    /// A FIFO where the file would go (no reader: open would wait for one for ever; a reader:
    /// the event would go to whoever reads), a device: refused at once, the dashboard not held up.
    @Test func onlyARegularFileIsWrittenAndNothingBlocks() throws {
        let directory = try Scratch()
        let fifo = directory.file("fifo.json")
        try #require(mkfifo(fifo, 0o600) == 0)
        let notRegular = "it is not a regular file (a FIFO, a device or a socket is not written to)"
        let outcome = Outcome()
        Thread.detachNewThread {
            let result = Result { () throws(EventFile.WriteError) in try EventFile.write("{}", to: fifo, overwrite: true) }
            outcome.value.withLock { $0 = result }
        }
        var waited = 0
        while outcome.value.withLock({ $0 }) == nil && waited < 100 {
            usleep(100_000)
            waited += 1
        }
        let result = outcome.value.withLock { $0 }
        if result == nil {  // blocked in open: let it go before failing
            close(open(fifo, O_RDONLY | O_NONBLOCK))
        }
        #expect(result == .failure(.failed(fifo, reason: notRegular)))
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        #expect(throws: EventFile.WriteError.failed(fifo, reason: notRegular)) { try EventFile.write("{}", to: fifo, overwrite: true) }
        #expect(throws: EventFile.WriteError.exists(fifo)) { try EventFile.write("{}", to: fifo, overwrite: false) }
        #expect(throws: EventFile.WriteError.failed("/dev/null", reason: notRegular)) { try EventFile.write("{}", to: "/dev/null", overwrite: true) }
    }

    private final class Outcome: Sendable {
        let value = Mutex<Result<String, EventFile.WriteError>?>(nil)
    }

    private static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func yCopiesAndWAsksForAFileInTheDetailView() {
        var view = EventDetailView(sequence: 2)
        let context = fixture.keys()
        #expect(view.handle(.character("y"), context).first?.command == .copyEvent(sequence: 2))
        let prompt = view.handle(.character("w"), context).first?.opened as? SaveEventPrompt
        #expect(prompt?.editor.string == "./event-2.json" && prompt?.returnTo == view)
        #expect(view.keyHints?.contains("y copy JSON  w write to file") == true)
    }

    @Test func thePromptWritesAsksBeforeOverwritingAndGoesBack() {
        let context = fixture.keys()
        var prompt = SaveEventPrompt(sequence: 2, returnTo: EventDetailView(sequence: 2))
        _ = prompt.handle(.backspace, context)
        _ = prompt.handle(.character("x"), context)
        var reactions = prompt.handle(.enter, context)
        #expect(reactions.first?.opened is EventDetailView)
        #expect(reactions.last?.command == .saveEvent(sequence: 2, path: "./event-2.jsox", overwrite: false))
        var asking = SaveEventPrompt(sequence: 2, path: "/x/e.json", existing: "/x/e.json")
        let bar = TestSurface(rows: 1, columns: 100)
        #expect(asking.drawKeyBar(on: bar, message: nil) && bar.line(0).contains("/x/e.json exists.  y: overwrite it"))
        reactions = asking.handle(.character("y"), context)
        #expect(reactions.last?.command == .saveEvent(sequence: 2, path: "/x/e.json", overwrite: true))
        #expect(asking.handle(.character("n"), context).isEmpty && asking.existing == nil)  // back to the name
        reactions = asking.handle(.escape, context)
        #expect(reactions.first?.closes == true && reactions.last?.said == "not written")
    }
}

/// A fresh directory for one test, removed after it.
private final class Scratch {
    let path = NSTemporaryDirectory() + "eventsdash-copyout-" + UUID().uuidString
    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
    func read(_ name: String) -> String? { FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) } }
}
