import Foundation
import GlusterEvents

/// The gluster CLI, as eventsdash runs it: `--mode=script`, each call with a deadline.
///
/// Which program: `$EVENTSDASH_GLUSTER_CLI` when set (empty or `none`: there is none: eventsdash
/// asks nothing and syncs nothing), else `/usr/sbin/gluster` or `/usr/bin/gluster`.
public enum GlusterCLI {
    public enum Answer: Sendable, Equatable {
        /// Exit status 0: what it printed, trimmed.
        case output(String)
        /// Another exit status, with what it printed (trimmed).
        case failed(status: Int32, output: String)
        /// Killed after its deadline.
        case timedOut
        /// No gluster CLI, or it could not be started.
        case absent
    }

    public static let path: String? = {
        if let chosen = ProcessInfo.processInfo.environment["EVENTSDASH_GLUSTER_CLI"] {
            return chosen.isEmpty || chosen == "none" ? nil : chosen
        }
        return ["/usr/sbin/gluster", "/usr/bin/gluster"].first(where: FileManager.default.isExecutableFile)
    }()

    /// The CLI's own request timeout (`--timeout`), in seconds; the process is killed if it runs
    /// `killAfter` seconds longer.
    public static let requestTimeout = 5
    public static let killAfter = 5.0

    /// Runs `gluster --mode=script --timeout=5 ARGUMENTS`, killed if it runs past `deadline` seconds.
    public static func run(_ arguments: [String], deadline: Double = Double(requestTimeout) + killAfter) -> Answer {
        guard let path else { return .absent }
        guard let result = ChildProcess.run(path, ["--mode=script", "--timeout=\(requestTimeout)"] + arguments, timeout: deadline) else {
            return .absent
        }
        if result.timedOut { return .timedOut }
        let output = result.output.trimmingWhitespace()
        return result.status == 0 ? .output(output) : .failed(status: result.status, output: output)
    }

    /// Whether the CLI's words say glusterd is not there to answer ("Connection failed. Please
    /// check if gluster daemon is operational.") or did not answer in time.
    static func saysGlusterdIsDown(_ output: String) -> Bool {
        output.contains("Connection failed") || output.contains("Request timed out") || output.contains("timed out")
    }
}
