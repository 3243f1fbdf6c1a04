import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Gives the terminal back if the process dies of a fatal signal (a crash) while the dashboard
/// owns it: the handler restores the terminal modes saved before curses started, leaves the
/// alternate screen, shows the cursor and stops mouse reports, then hands the signal to whoever
/// handled it before (Swift's backtracer, which then prints to a usable terminal) or the default.
/// Only async-signal-safe calls (tcsetattr, write, sigaction, raise) run in the handler.
enum TerminalRescue {
    private static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Mouse reports off, attributes reset, cursor shown, alternate screen left.
    private static let resetSequence = Array(
        "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)

    /// Written on the dashboard thread before the handlers are installed, only read by them.
    nonisolated(unsafe) private static var savedModes = termios()
    nonisolated(unsafe) private static var hasSavedModes = false
    /// The actions in place before ours, by signal number.
    nonisolated(unsafe) private static var previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    static func install() {
        hasSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
        _ = resetSequence.count  // initialised here, never in the handler
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            if TerminalRescue.hasSavedModes { tcsetattr(STDIN_FILENO, TCSANOW, &TerminalRescue.savedModes) }
            TerminalRescue.resetSequence.withUnsafeBufferPointer { _ = Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            sigaction(signal, TerminalRescue.previous + Int(signal), nil)
            raise(signal)  // delivered to the previous action once this handler returns
        }
        sigemptyset(&action.sa_mask)
        for signal in fatalSignals { sigaction(signal, &action, previous + Int(signal)) }
    }

    /// Puts the previous actions back (the terminal is about to be given back normally).
    static func uninstall() {
        for signal in fatalSignals { sigaction(signal, previous + Int(signal), nil) }
    }
}
