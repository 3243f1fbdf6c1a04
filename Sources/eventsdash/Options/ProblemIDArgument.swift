import ArgumentParser
import ClusterHealth
import GlusterEvents

/// The problem a decision is about, by its id as `health` lists it (`brick-down/vm:/bricks/gv0/b1`).
struct ProblemIDArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The problem's id, as 'eventsdash health' lists it (e.g. brick-down/server1:/bricks/gv0/b1).", valueName: "ID"))
    var text: String

    var id: ProblemID {
        get throws {
            guard let id = ProblemID(text), !text.hasSuffix("/") else {
                throw ValidationError(
                    "'\(text)' is not a problem id: give KIND/ENTITY as the ID column of 'eventsdash health' shows it"
                        + " (KIND one of \(ProblemKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return id
        }
    }

    func validate() throws { _ = try id }
}
