import ClusterHealth
import GlusterEvents

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
///
/// Bounded whatever the problems: the worst `maxIndividual` fire one by one, the rest as one alert
/// per kind and volume (per kind alone when those would be too many), `maxFiring` in all; at most
/// `maxEnded` ended alerts (the latest) are sent on.
struct AlertBook: Equatable {
    /// How often every firing alert is sent again (seconds).
    var resendInterval: Double
    var pendingFor: Double
    /// Firing alerts end this many resend intervals ahead; ended ones are sent for as long.
    static let endsAtFactor = 4.0
    static let maxIndividual = 100
    static let maxFiring = 200
    static let maxEnded = 100

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
        let due = report.problems.filter { problem in
            problem.isOpen && !problem.muted && (now - problem.since >= pendingFor || firing[problem.id] != nil)
        }
        var current: [ProblemID: AlertmanagerAlert] = [:]
        for problem in due.prefix(Self.maxIndividual) { current[problem.id] = AlertmanagerAlert(problem, nodeID: nodeID) }
        for (id, alert) in Self.groups(of: due.dropFirst(Self.maxIndividual), room: Self.maxFiring - current.count, nodeID: nodeID) {
            current[id] = alert
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
        if ended.count > Self.maxEnded {
            ended = Dictionary(uniqueKeysWithValues: ended.sorted { ($0.value.endsAt, $1.key) > ($1.value.endsAt, $0.key) }.prefix(Self.maxEnded).map { ($0.key, $0.value) })
        }
        firing = current
        if (firing, ended) != before { version += 1 }
    }

    /// The problems past those sent one by one, as one alert per kind and volume, or per kind
    /// alone when more than `room` groups would be; each keyed by what it gathers.
    private static func groups(
        of problems: ArraySlice<HealthReport.Problem>, room: Int, nodeID: String
    ) -> [(ProblemID, AlertmanagerAlert)] {
        guard !problems.isEmpty else { return [] }
        struct Key: Hashable {
            let kind: ProblemKind
            let volume: String?
        }
        var groups = Dictionary(grouping: problems) { Key(kind: $0.id.kind, volume: $0.entity.volume) }
        if groups.count > room { groups = Dictionary(grouping: problems) { Key(kind: $0.id.kind, volume: nil) } }
        return groups.compactMap { key, members in
            guard let id = ProblemID(key.kind.rawValue + "/grouped:" + (key.volume ?? "*")) else { return nil }
            return (id, AlertmanagerAlert(grouping: ArraySlice(members), kind: key.kind, volume: key.volume, nodeID: nodeID))
        }
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
