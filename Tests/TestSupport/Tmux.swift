import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real terminal for end-to-end tests: a tmux server of its own (so tests never touch the
/// user's), one session at a fixed size running one command.
public final class Tmux {
    let socket = "eventsdash-test-" + UUID().uuidString.prefix(8)
    let session = "t"
    /// Where a client command's output is caught.
    private let scratch = TemporaryDirectory()

    /// Starts `command` (a shell command line) in a `columns`×`rows` terminal. When the command
    /// ends the pane prints `EXITED <status>` and stays open for inspection.
    public init(command: String, columns: Int = 120, rows: Int = 30) throws {
        try run(
            ["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", command + "; echo EXITED $?; sleep 60"],
            capturing: false)
    }

    deinit { try? killServer() }

    /// Ends the terminal and what runs in it (SIGHUP), as a closed SSH session does.
    public func killServer() throws { try run(["kill-server"], capturing: false) }

    /// The screen as text (with `escapes`, its colours as terminal escape sequences).
    public func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))
    }

    public func send(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys, capturing: false) }

    public func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(columns)", "-y", "\(rows)"], capturing: false)
    }

    /// Waits until the screen satisfies `condition`; returns the last capture. Make the condition
    /// cover everything the test then checks: a capture can catch a frame half drawn.
    @discardableResult
    public func waitForScreen(timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
        var screen = ""
        _ = waitFor(timeout: timeout) {
            screen = (try? capture()) ?? ""
            return condition(screen)
        }
        return screen
    }

    /// Runs a tmux client command (through `shell`: the client that starts the tmux server was seen
    /// never to be reaped by Foundation's Process).
    @discardableResult
    private func run(_ arguments: [String], capturing: Bool = true) throws -> String {
        let outputFile = scratch.file("out-" + UUID().uuidString)
        defer { unlink(outputFile) }
        let quoted = (["tmux", "-L", socket] + arguments).map(shellQuoted)
        let line = quoted.joined(separator: " ") + " >" + (capturing ? outputFile : "/dev/null") + " 2>/dev/null"
        guard (try? shell(line)) != nil else { throw TmuxFailure(command: line) }
        return capturing ? ((try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "") : ""
    }

    public struct TmuxFailure: Error { public let command: String }
}
