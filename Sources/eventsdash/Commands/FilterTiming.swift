import ArgumentParser
import Dashboard
import Foundation

/// `eventsdash filter-timing FILTER`: how long the dashboard's filter takes over this workdir's
/// log, in-process. Hidden: `bench/filter.sh` runs it.
struct FilterTimingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter-timing", abstract: "Time a dashboard filter over the log (for bench/filter.sh).",
        shouldDisplay: false)

    @OptionGroup var state: StateOptions

    @Option(help: "Events held in memory, as the dashboard's --recent-events.")
    var held = 100_000

    @Option(help: "Rows of a first screen of matches.")
    var rows = 40

    @Argument(help: "The filter, in the filter prompt's words.")
    var filter: String

    func run() throws {
        let layout = state.resolve()
        let result: FilterTiming.Result
        do {
            result = try FilterTiming.measure(logDirectory: layout.eventLogDirectory, filter: filter, held: held, screenRows: rows)
        } catch {
            throw ValidationError("\(error)")
        }
        Output.line(
            String(
                format: "first_screen_ms=%.1f complete_ms=%.1f matches=%d events=%d", result.firstScreenSeconds * 1000,
                result.completeSeconds * 1000, result.matches, result.events))
    }
}
