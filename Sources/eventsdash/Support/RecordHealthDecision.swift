import ClusterHealth
import EventsEngine
import Foundation
import GlusterHost

/// Records a person's decision about a problem in the decisions file (under gluster's lock; an
/// engine running on the workdir takes it up within a second), then says so: `done` is what was
/// done, and a note follows when the problem is not among those `health` lists now (a typo in the
/// id, or a problem yet to come: the decision stands either way).
func recordHealthDecision(_ decision: HealthDecision, about id: ProblemID, state: StateOptions, done: String) throws {
    let layout = state.resolve()
    do {
        try FileManager.default.createDirectory(atPath: layout.stateDirectory, withIntermediateDirectories: true)
        try HealthDecisionsFile(path: layout.healthDecisionsFile).record(decision, at: Date().timeIntervalSince1970)
    } catch {
        throw fail("cannot record it in \(layout.healthDecisionsFile): \(error)", json: false)
    }
    Output.line(done)
    let source = try? HealthSource.current(layout: layout, reconcile: false)
    if case .engine(let pid) = source?.origin {
        Output.line("The engine running on this workdir (pid \(pid)) takes it up within a second.")
    } else {
        Output.line("No engine runs on this workdir: 'eventsdash health' and the next engine read it from \(layout.healthDecisionsFile).")
    }
    if let source, !source.report.problems.contains(where: { $0.id == id }) {
        log("note: \(id) is not a problem now ('eventsdash health' lists them with their ids); the decision stands if it comes")
    }
}
