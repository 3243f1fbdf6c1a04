import ArgumentParser
import Dashboard
import EventIngest
import EventLog
import EventsEngine
import Foundation
import GlusterHost

#if canImport(Glibc)
    import Glibc
#endif

struct DashboardCommand: ParsableCommand {
    static let commandName = "dashboard"
    static let configuration = CommandConfiguration(
        commandName: DashboardCommand.commandName,
        abstract: "The full-screen terminal dashboard, with the engine embedded.")

    @OptionGroup var state: StateOptions
    @OptionGroup var udp: UDPPortOption
    @OptionGroup var engineOptions: EngineOptions

    @Option(help: "How many of the newest events the dashboard keeps in memory (older ones stay in the log).")
    var recentEvents = 100_000

    @Option(help: ArgumentHelp("The most memory those events may take; large events are held abridged (the log keeps them whole).", valueName: "MiB"))
    var recentMemory = RecentEvents.defaultMaxBytes >> 20

    func validate() throws {
        if recentEvents < 1 { throw ValidationError("--recent-events must be at least 1") }
        if !(1...(1 << 20)).contains(recentMemory) { throw ValidationError("--recent-memory must be 1 to 1048576 (MiB)") }
    }

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            log(
                "eventsdash: the dashboard needs a terminal. Without one, run the engine with 'eventsdash serve',"
                    + " and print events with 'eventsdash tail --follow'.")
            throw ExitCode.failure
        }
        let engine = try engineOptions.startOrAttach(
            layout: state.resolve(), port: udp.port, recentEvents: RecentEventsLimits(count: recentEvents, bytes: recentMemory << 20))
        let exit = DashboardApp.run(engine: engine, colours: (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty)
        engine.stop()
        if exit == .leaveServeRunning {
            try leaveServeRunning(layout: engine.layout, auth: (engine as? Engine)?.options.httpIngest?.auth ?? HTTPIngestAuth.none)
        }
    }

    /// Starts `eventsdash serve` with this command's workdir, port and engine options, once this
    /// engine has let go of the workdir, to deliver the events that wait; says so only once it
    /// holds the workdir. The HTTP ingest token or secret (read from standard input, perhaps)
    /// goes to it in its environment, never in its arguments.
    private func leaveServeRunning(layout: StateLayout, auth: HTTPIngestAuth) throws {
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let outputFile = layout.stateDirectory + "/serve.log"
        var environment: [String: String] = [:]
        switch auth {
        case .bearer(let token): environment["EVENTSDASH_HTTP_TOKEN"] = token
        case .jwt(let secret): environment["EVENTSDASH_HTTP_SECRET"] = secret
        case .none: break
        }
        let arguments = ["serve"] + Self.serveArguments(CommandLine.arguments)
        guard let pid = ChildProcess.startDetached(binary, arguments, outputFile: outputFile, environment: environment) else {
            log("eventsdash: could not start eventsdash serve: the waiting events stay in the log for the next run")
            throw ExitCode.failure
        }
        guard Self.waitUntilServing(pid: pid, lockFile: layout.lockFile) else {
            let said = (try? String(contentsOfFile: outputFile, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? ""
            log("eventsdash: eventsdash serve (pid \(pid)) did not start: \(said.isEmpty ? "see \(outputFile)" : said)")
            log("The waiting events stay in the log for the next run.")
            throw ExitCode.failure
        }
        log("eventsdash serve (pid \(pid)) delivers the waiting events; it writes to \(outputFile). Stop it with: kill \(pid)")
    }

    /// Waits (up to 30 s) until `pid` holds the workdir's engine lock; false when it exits first.
    private static func waitUntilServing(pid: Int32, lockFile: String) -> Bool {
        for _ in 0..<300 {
            if EngineLock.holder(path: lockFile) == pid { return true }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return false }
            usleep(100_000)
        }
        return EngineLock.holder(path: lockFile) == pid
    }

    /// This command's arguments as `serve` takes them: without the subcommand's name, the options
    /// only the dashboard has, and the HTTP ingest token or secret (passed in the environment).
    static func serveArguments(_ commandLine: [String]) -> [String] {
        var arguments: [String] = []
        var rest = commandLine.dropFirst()
        if rest.first == commandName { rest = rest.dropFirst() }
        let notForServe = ["--recent-events", "--recent-memory", "--http-token", "--http-secret"]
        while let argument = rest.popFirst() {
            if notForServe.contains(argument) {
                _ = rest.popFirst()  // its value
            } else if !notForServe.contains(where: { argument.hasPrefix($0 + "=") }) {
                arguments.append(argument)
            }
        }
        return arguments
    }
}
