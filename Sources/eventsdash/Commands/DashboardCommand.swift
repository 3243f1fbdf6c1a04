import ArgumentParser
import Dashboard
import EventLog
import EventsEngine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
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
        DashboardApp.run(engine: engine, colours: (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty)
        engine.stop()
    }
}
