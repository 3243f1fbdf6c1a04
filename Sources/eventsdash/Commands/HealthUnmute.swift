import ArgumentParser
import ClusterHealth

struct HealthUnmute: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unmute", abstract: "Lift a problem's mute.")

    @OptionGroup var state: StateOptions
    @OptionGroup var problem: ProblemIDArgument

    func run() throws {
        let id = try problem.id
        try recordHealthDecision(.unmute(id), about: id, state: state, done: "Unmuted \(id).")
    }
}
