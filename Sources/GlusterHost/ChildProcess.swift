import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program and waits for it, through posix_spawn and waitpid. The child starts with no
/// signal blocked and every signal at its default (eventsdash blocks and ignores some; a child
/// would inherit that) and reads /dev/null. Not Foundation's Process: it leaks on every run and
/// was seen never to notice that a command which leaves a daemon behind had ended.
public enum ChildProcess {
    public struct Result: Sendable, Equatable {
        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        /// Standard output and error together (empty when not captured).
        public var output: String
        /// Killed because it ran past its timeout.
        public var timedOut = false
    }

    /// Runs `path` with `arguments` in this process's environment; nil when it cannot be started.
    /// With `capturing`, standard output and error are collected until they close (a daemon it
    /// starts must not keep them open); without, they are this process's own. With `timeout`
    /// (capturing only), a child still running that many seconds on is killed (`timedOut`).
    public static func run(_ path: String, _ arguments: [String], capturing: Bool = true, timeout: Double? = nil) -> Result? {
        var pipe: [Int32] = [-1, -1]
        if capturing {
            guard Glibc.pipe(&pipe) == 0 else { return nil }
            for end in pipe { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }  // only the child's dup2 copies stay open
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capturing {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
        }
        let pid = spawn(path, arguments, actions: &actions, newSession: false)
        if capturing { close(pipe[1]) }
        guard let pid else {
            if capturing { close(pipe[0]) }
            return nil
        }
        var output: [UInt8] = []
        var timedOut = false
        if capturing {
            let deadline = timeout.map { monotonicSeconds() + $0 }
            var buffer = [UInt8](repeating: 0, count: 16384)
            while true {
                if let deadline, !waitReadable(pipe[0], until: deadline) {
                    kill(pid, SIGKILL)
                    timedOut = true
                    break
                }
                let count = read(pipe[0], &buffer, buffer.count)
                if count > 0 {
                    output += buffer[0..<count]
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(pipe[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        return Result(
            status: signal == 0 ? (status >> 8) & 0xFF : 128 + signal, output: String(decoding: output, as: UTF8.self), timedOut: timedOut)
    }

    /// Waits until `fd` can be read (or has closed); false when `deadline` (monotonic seconds) came first.
    private static func waitReadable(_ fd: Int32, until deadline: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let left = deadline - monotonicSeconds()
            guard left > 0 else { return false }
            let ready = poll(&entry, 1, Int32(min(left * 1000, 60_000).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return true }  // let read() report it
        }
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Starts `path` with `arguments` in a session of its own (it outlives this process and its
    /// terminal), reading /dev/null and appending its output to `outputFile`; its pid, or nil
    /// when it cannot be started. Not waited for.
    public static func startDetached(_ path: String, _ arguments: [String], outputFile: String, environment: [String: String] = [:]) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        return spawn(path, arguments, actions: &actions, newSession: true, environment: environment)
    }

    /// posix_spawn with every signal unblocked and at its default, in this process's environment
    /// with `environment` added (or replacing a variable of the same name): a secret goes to the
    /// child there, not in its arguments, which every local user can read; with `newSession`, in a
    /// session of its own. The child's pid, or nil.
    private static func spawn(
        _ path: String, _ arguments: [String], actions: inout posix_spawn_file_actions_t, newSession: Bool,
        environment: [String: String] = [:]
    ) -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // glibc's POSIX_SPAWN_SETSID (2.26 on), which its header shows only with _GNU_SOURCE.
        let setSession: Int32 = newSession ? 0x80 : 0
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setSession))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard !environment.isEmpty else { return posix_spawn(&pid, path, &actions, &attributes, argv, environ) == 0 ? pid : nil }
        let inherited = ProcessInfo.processInfo.environment.filter { environment[$0.key] == nil }
        let envp: [UnsafeMutablePointer<CChar>?] = inherited.merging(environment) { $1 }.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { envp.forEach { free($0) } }
        return posix_spawn(&pid, path, &actions, &attributes, argv, envp) == 0 ? pid : nil
    }
}
