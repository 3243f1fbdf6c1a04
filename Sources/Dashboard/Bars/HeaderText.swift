import EventsEngine
import GlusterEvents

/// The header's two lines of text, escaped for the terminal: they carry addresses, node names and
/// problems (an unusable webhook's URL, a file's path) that came from outside or from `engine.json`.
enum HeaderText {
    /// Where the engine listens and which nodes it hears.
    static func title(_ status: EngineStatus, attachedPID: Int32?, nowMillis: Int64) -> String {
        let http = status.http.map { "  HTTP \($0.listen.joined(separator: " "))" } ?? ""
        let nodes = DashboardFormat.nodes(status.nodes, local: status.nodeID, nowMillis: nowMillis)
        let attached = attachedPID.map { "attached to pid \($0)  " } ?? ""
        return TerminalText.escaped(" eventsdash  \(attached)UDP \(status.listen.joined(separator: " "))\(http)  \(nodes)")
    }

    /// The counters, and what is wrong (⚠).
    static func figures(_ status: EngineStatus) -> String {
        var figures =
            " received \(DashboardFormat.count(status.received))  rejected \(DashboardFormat.count(status.rejected))"
            + "  kernel drops \(DashboardFormat.count(status.kernelDrops))"
        if status.droppedUnlogged > 0 { figures += "  ⚠ dropped unlogged \(DashboardFormat.count(status.droppedUnlogged))" }
        if !status.listenFailures.isEmpty { figures += "  ⚠ not listening: \(status.listenFailures.joined(separator: "; "))" }
        if let problem = status.problem { figures += "  ⚠ \(problem)" }
        if let limits = status.limitsReached, !limits.isEmpty { figures += "  ⚠ limits " + DashboardFormat.limits(limits) }
        if let http = status.http {  // after the warnings: the line may be cut
            figures += "  http \(DashboardFormat.count(http.events)) (pings \(DashboardFormat.count(http.pings)), refused \(DashboardFormat.count(http.rejected)))"
        }
        return TerminalText.escaped(figures)
    }
}
