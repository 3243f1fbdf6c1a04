import ArgumentParser
import ClusterHealth
import EventsEngine
import Foundation
import GlusterEvents

struct HealthHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the problems resolved: when each opened and closed, for how long, and what told (an event, a poll, a person).",
        discussion: """
            The engine keeps them in health-history.jsonl in its state directory (the last 1–2 MiB: \
            some thousands of problems), newest last. --json prints a JSON array.
            """)

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption

    // Unconditional: `--since -10m` is a value, not an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Only problems closed from this time on: 10m, 2h, 3d ago, 2026-11-30T14:02, 14:02…", valueName: "time"))
    var since: String?

    func validate() throws { _ = try sinceSeconds(now: Date()) }

    func run() throws {
        let now = Date()
        let layout = state.resolve()
        let resolved = HealthHistoryFile(path: layout.healthHistoryFile).read(since: try sinceSeconds(now: now).map(Double.init))
        if output.json {
            Output.json(.array(resolved.map(\.json)))
            return
        }
        guard !resolved.isEmpty else {
            Output.line("No problem resolved" + (since.map { " since \($0)" } ?? "") + " (\(layout.healthHistoryFile)).")
            return
        }
        var table = ColumnTable(["CLOSED", "OPENED", "FOR", "SEVERITY", "PROBLEM", "FOUND BY", "CLOSED BY", "ID"])
        for problem in resolved {
            table.add([
                TailFormat.localTime(Int64(problem.closed)), TailFormat.localTime(Int64(problem.opened)), HealthText.age(problem.duration),
                problem.severity.rawValue.uppercased(), problem.summary, problem.openedBy.rawValue, problem.closedBy.rawValue,
                problem.id.description,
            ])
        }
        Output.lines(table.lines)
    }

    private func sinceSeconds(now: Date) throws -> Int64? {
        guard let since else { return nil }
        do {
            return try TimeExpression(parsing: since).seconds(now: now, timeZone: .current)
        } catch {
            throw ValidationError("--since: \(error.description)")
        }
    }
}
