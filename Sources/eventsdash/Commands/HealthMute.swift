import ArgumentParser
import ClusterHealth
import Foundation

struct HealthMute: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mute",
        abstract: "Mute a problem for a while: still listed, but it leaves the check's status alone.",
        discussion: "The mute lifts when its time is up, or sooner when the problem happens again (it got worse).")

    @OptionGroup var state: StateOptions
    @OptionGroup var problem: ProblemIDArgument

    @Option(name: .customLong("for"), help: ArgumentHelp("How long: 90s, 30m, 1h, 2d, 1w, 1h30m (a year at most).", valueName: "DURATION"))
    var duration = MuteDuration.default

    func run() throws {
        let id = try problem.id
        let until = TailFormat.localTime(Int64(Date().timeIntervalSince1970 + duration.seconds))
        try recordHealthDecision(.mute(id, seconds: duration.seconds), about: id, state: state, done: "Muted \(id) for \(duration) (until \(until)).")
    }
}

extension MuteDuration: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}
