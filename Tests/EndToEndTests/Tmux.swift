import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real terminal for end-to-end tests: a tmux server of its own (so tests never touch the
/// user's), one session at a fixed size running one command.
final class Tmux {
    let socket = "eventsdash-test-" + UUID().uuidString.prefix(8)
    let session = "t"

    /// Starts `command` (a shell command line) in a `columns`×`rows` terminal. When the command
    /// ends the pane prints `EXITED <status>` and stays open for inspection.
    init(command: String, columns: Int = 120, rows: Int = 30) throws {
        try run(
            ["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", command + "; echo EXITED $?; sleep 60"],
            capturing: false)
    }

    deinit { _ = try? run(["kill-server"], capturing: false) }

    /// The screen as text (with `escapes`, its colours as terminal escape sequences).
    func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))
    }

    func send(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys, capturing: false) }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(columns)", "-y", "\(rows)"], capturing: false)
    }

    /// Waits until the screen satisfies `condition`; returns the last capture. Make the condition
    /// cover everything the test then checks: a capture can catch a frame half drawn.
    @discardableResult
    func waitForScreen(timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
        var screen = ""
        _ = waitFor(timeout: timeout) {
            screen = (try? capture()) ?? ""
            return condition(screen)
        }
        return screen
    }

    /// Runs a tmux client command through posix_spawn and waitpid. (Foundation's Process is not
    /// used here: the client that starts the tmux server was seen never to be reaped by it.)
    @discardableResult
    private func run(_ arguments: [String], capturing: Bool = true) throws -> String {
        let outputFile = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
        defer { unlink(outputFile) }
        let quoted = (["tmux", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let line = quoted.joined(separator: " ") + " >" + (capturing ? outputFile : "/dev/null") + " 2>/dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", line].map { (text: String) in strdup(text) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else {
            throw TmuxFailure(command: line)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return capturing ? ((try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "") : ""
    }

    struct TmuxFailure: Error { let command: String }
}
