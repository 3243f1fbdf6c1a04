import GlusterHost

/// Runs `/bin/sh -c line` with this process's output; returns its exit status. For commands that
/// start daemons (tmux, glusterd, glustereventsd): Foundation's Process was seen never to notice
/// that such a command ended. The command starts with no signal blocked (the test runner blocks
/// some, and daemons would inherit that: glustereventsd would never see its SIGUSR2).
@discardableResult
public func shell(_ line: String) throws -> Int32 {
    guard let result = ChildProcess.run("/bin/sh", ["-c", line], capturing: false) else { throw ShellFailure(line: line) }
    return result.status
}

public struct ShellFailure: Error { public let line: String }

/// `text` as one word for sh, whatever it holds.
public func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
