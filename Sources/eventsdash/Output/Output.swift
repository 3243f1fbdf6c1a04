import Foundation
import GlusterEvents

/// The one way the CLI writes text (a test checks that no other file of this target prints):
/// every line goes through `TerminalText.escaped`, so nothing from outside — a URL, a node id,
/// libcurl's error quoting a certificate's subject, a given-up reason, a file's contents quoted in
/// an error — reaches the terminal as a control or bidi character. JSON needs nothing more:
/// `JSONValue.encoded()` writes everything outside printable ASCII as `\uXXXX`.
enum Output {
    enum Stream {
        case standardOutput
        case standardError
    }

    /// Writes `text` as one line: a line break inside it is shown as `\n`, never taken.
    static func line(_ text: String = "", to stream: Stream = .standardOutput) {
        write(TerminalText.escaped(text), to: stream)
    }

    /// Writes `text` as one line in an ANSI colour (`code`: 31 red…), when a code is given.
    static func line(_ text: String, colour code: Int?) {
        guard let code else { return line(text) }
        write("\u{1B}[\(code)m" + TerminalText.escaped(text) + "\u{1B}[0m", to: .standardOutput)
    }

    /// Writes each of `lines` as a line.
    static func lines(_ lines: [String], to stream: Stream = .standardOutput) {
        for text in lines { line(text, to: stream) }
    }

    /// A message of ours that may span lines (an error's description, help): each line escaped.
    static func message(_ text: String, to stream: Stream = .standardError) {
        lines(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), to: stream)
    }

    /// One JSON value on one line (`--json`).
    static func json(_ value: JSONValue) {
        write(value.encoded(), to: .standardOutput)
    }

    /// JSON text read back from a file (a logged event's body): written as it is when it holds
    /// only printable ASCII, as eventsdash writes it; otherwise re-encoded (or, if it is not JSON,
    /// escaped), so that a tampered file cannot put a control character on the terminal either.
    static func json(text: String) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return write(text, to: .standardOutput) }
        guard let value = try? JSONValue.parse(Data(text.utf8)) else { return line(text) }
        json(value)
    }

    private static func write(_ text: String, to stream: Stream) {
        switch stream {
        case .standardOutput: print(text)
        case .standardError: FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}

/// A line for the operator on standard error (notes, warnings, the engine's start and stop).
func log(_ line: String) {
    Output.message(line)
}
