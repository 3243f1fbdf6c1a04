import ClusterHealth
import GlusterEvents

/// What the operator log says when the cluster's health changes: a problem opening (a warning or
/// an error, as its severity), one closing, once each. Many at once (a peer with a hundred bricks
/// going away) make `maxLines` lines and a count of the rest.
enum HealthChanges {
    static let maxLines = 10

    static func between(_ previous: HealthReport, _ current: HealthReport) -> [OperatorLine] {
        let before = Dictionary(previous.problems.filter(\.isOpen).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let now = Dictionary(current.problems.filter(\.isOpen).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let opened = current.problems.filter { $0.isOpen && before[$0.id] == nil }.map { problem in
            OperatorLine(
                level: problem.severity == .critical ? .error : .warning,
                message: "health: \(problem.summary)" + (problem.reconciled ? " (found by the gluster CLI)" : "")
                    + (problem.muted ? " (muted)" : ""))
        }
        let closed = previous.problems.filter { $0.isOpen && now[$0.id] == nil }.map { problem in
            OperatorLine(level: .info, message: "health: cleared: \(problem.summary)")
        }
        let lines = opened + closed
        guard lines.count > maxLines else { return lines }
        return Array(lines.prefix(maxLines))
            + [OperatorLine(level: .warning, message: "health: \(lines.count - maxLines) more changes (see eventsdash health)")]
    }
}
