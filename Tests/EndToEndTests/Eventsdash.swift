import Foundation
import GlusterEvents
import GlusterHost
import Synchronization
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `eventsdash` binary, as users and scripts do.
enum Eventsdash {
    /// The binary's path. Reading it first also gives every program the tests start no gluster
    /// CLI (`EVENTSDASH_GLUSTER_CLI=none`), unless the environment chose one: this machine's
    /// glusterd may not run, and tests not about gluster must not see it as a problem. Tests
    /// with the real GlusterFS pass `RealGluster.environment`.
    static let binary: String = {
        setenv("EVENTSDASH_GLUSTER_CLI", "none", 0)
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("eventsdash").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/eventsdash").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `eventsdash ARGS` to completion (`environment` added to the test's own, less
    /// EVENTSDASH_WORKDIR).
    @discardableResult
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Result {
        try Command.run(binary, arguments, stdin: stdin, environment: environment)
    }
}

/// Runs a program to completion, collecting what it prints.
enum Command {
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:]
    ) throws -> Eventsdash.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited.removeValue(forKey: "EVENTSDASH_WORKDIR")
        process.environment = inherited.merging(environment) { $1 }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let collectedErrors = Mutex(Data())
        let errorReader = Thread { collectedErrors.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }
        errorReader.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { Thread.sleep(forTimeInterval: 0.005) }
        return Eventsdash.Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: collectedErrors.withLock { $0 }, as: UTF8.self))
    }
}

/// The newest logged events' webhook JSON (`tail --json`), oldest first.
func loggedEvents(workdir: String, count: Int = 200) throws -> [[String: Any]] {
    try Eventsdash.run(["tail", "-n", "\(count)", "--json", "--workdir", workdir]).stdout.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
}

/// `eventsdash serve` running in the background on a private workdir and port.
final class ServeProcess {
    let workdir: String?
    let environment: [String: String]
    let port: Int
    /// What runs it (and `status`): e.g. nsenter into another node's namespaces; empty: runs it directly.
    let launcher: [String]
    /// Where its standard error goes, when not to a pipe read at the end.
    let stderrPath: String?
    private let process = Process()
    private let errors = Pipe()

    /// `workdir` nil: no `--workdir` (glusterd's files are shared; `environment` may choose the
    /// state directory with EVENTSDASH_STATE_DIR).
    init(
        workdir: String?, port: Int, listen: [String] = ["127.0.0.1", "::1"], extraArguments: [String] = [],
        environment: [String: String] = [:], launcher: [String] = [], stderrPath: String? = nil
    ) throws {
        self.workdir = workdir
        self.environment = environment
        self.port = port
        self.launcher = launcher
        self.stderrPath = stderrPath
        let command =
            launcher + [Eventsdash.binary, "serve", "--port", String(port)] + (workdir.map { ["--workdir", $0] } ?? [])
            + listen.flatMap { ["--listen", $0] } + extraArguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var inherited = ProcessInfo.processInfo.environment
        inherited.removeValue(forKey: "EVENTSDASH_WORKDIR")
        process.environment = inherited.merging(environment) { $1 }
        if let stderrPath {  // read while it runs
            FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
        } else {
            process.standardError = errors
        }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Its first figures are published once it receives (it holds the workdir lock before).
        guard waitFor(timeout: 10, { self.engineStatus()?["listen"] != nil }) else {
            throw StartFailure(stderr: stop())
        }
    }

    struct StartFailure: Error { let stderr: String }

    var pid: Int32 { process.processIdentifier }

    /// The `engine` object of `status --json`.
    func engineStatus() -> [String: Any]? {
        let command = launcher + [Eventsdash.binary, "status", "--json"] + (workdir.map { ["--workdir", $0] } ?? [])
        guard let result = try? Command.run(command[0], Array(command.dropFirst()), environment: environment),
            let json = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            let output = json["output"] as? [String: Any]
        else { return nil }
        return output["engine"] as? [String: Any]
    }

    /// SIGTERM, then wait; returns what it printed on standard error.
    @discardableResult
    func stop() -> String {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        if let stderrPath { return (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
