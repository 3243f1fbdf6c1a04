import GlusterEvents

extension ProblemKind {
    /// The Prometheus-style `alertname` of this kind's alerts: `Gluster` and the kind in
    /// UpperCamelCase (`brick-down` → `GlusterBrickDown`, `georep-faulty` → `GlusterGeorepFaulty`;
    /// `glusterd-down` is `GlusterdDown`, as the daemon is named).
    /// Alertmanager routes and silences on it: a rename is a breaking change (`AlertmanagerAlertTests`
    /// lists them all).
    public var alertName: String {
        if self == .glusterdDown { return "GlusterdDown" }
        return "Gluster" + rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
