import ArgumentParser
import ClusterHealth

struct HealthAck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge a problem: close it by hand (a split-brain healed, a bad file replaced).",
        discussion: "Problems no event closes (split-brain, bitrot, quota and snapshot limits) stand until acknowledged; one that happens again opens again.")

    @OptionGroup var state: StateOptions
    @OptionGroup var problem: ProblemIDArgument

    func run() throws {
        let id = try problem.id
        try recordHealthDecision(.acknowledge(id), about: id, state: state, done: "Acknowledged \(id): closed until it happens again.")
    }
}
