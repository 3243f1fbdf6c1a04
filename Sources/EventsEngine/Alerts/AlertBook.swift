import ClusterHealth

/// The alerts eventsdash tells Alertmanager of, worked out from each health report: one firing for
/// each open problem not muted, and those that ended lately, sent a while longer so that an
/// Alertmanager that missed the end (down, or unreachable then) still learns it.
///
/// As Prometheus does: a firing alert's `endsAt` is `endsAtFactor` resend intervals ahead, so that
/// Alertmanager resolves it by itself if eventsdash stops telling it; an ended alert's `endsAt` is
/// when it closed. A problem that closed but flaps ends (the brick is up); it fires again, as a new
/// alert, when it opens again. A muted problem is not sent; one that was firing ends when muted.
/// A problem fires once it has been open `pendingFor` seconds (as a Prometheus rule's `for:`): one
/// that clears sooner never reaches Alertmanager.
struct AlertBook: Equatable {
    /// How often every firing alert is sent again (seconds).
    var resendInterval: Double
    var pendingFor: Double
    /// Firing alerts end this many resend intervals ahead; ended ones are sent for as long.
    static let endsAtFactor = 4.0

    /// Open problems not muted, by problem (their `endsAt` is set when sent).
    private(set) var firing: [ProblemID: AlertmanagerAlert] = [:]
    /// Alerts that ended, by problem, with `endsAt` when they did.
    private(set) var ended: [ProblemID: AlertmanagerAlert] = [:]
    /// Rises whenever what is sent changes (an alert opens, changes or ends): a sender sends at
    /// once when the version it last got through is older.
    private(set) var version = 0

    init(resendInterval: Double, pendingFor: Double = 0) {
        self.resendInterval = resendInterval
        self.pendingFor = pendingFor
    }

    /// How long alerts are told to last, and ended ones kept (seconds).
    var horizon: Double { resendInterval * Self.endsAtFactor }

    /// Takes up `report`, as the engine on node `nodeID` sees it at `now`.
    mutating func update(with report: HealthReport, nodeID: String, at now: Double) {
        let before = (firing, ended)
        var current: [ProblemID: AlertmanagerAlert] = [:]
        for problem in report.problems where problem.isOpen && !problem.muted && (now - problem.since >= pendingFor || firing[problem.id] != nil) {
            current[problem.id] = AlertmanagerAlert(problem, nodeID: nodeID)
        }
        let listed = Dictionary(report.problems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, var alert) in firing where current[id] == nil {
            // A closed problem still listed (it flaps) says when it closed; one gone from the report
            // (closed, acknowledged, or muted) ended now, as far as we know.
            let closed = listed[id].map { $0.isOpen ? now : $0.since } ?? now
            alert.endsAt = max(alert.startsAt, min(closed, now))
            ended[id] = alert
        }
        for id in current.keys { ended[id] = nil }
        ended = ended.filter { now - $0.value.endsAt < horizon }
        firing = current
        if (firing, ended) != before { version += 1 }
    }

    /// What to send at `now`: the firing alerts, told to last `horizon` more, and the ended ones.
    func alerts(at now: Double) -> [AlertmanagerAlert] {
        let open = firing.sorted { $0.key < $1.key }.map { _, alert in
            var alert = alert
            alert.endsAt = now + horizon
            return alert
        }
        return open + ended.sorted { $0.key < $1.key }.map(\.value)
    }
}
