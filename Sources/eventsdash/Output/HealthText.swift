import ClusterHealth
import Foundation

/// What `health` prints after its Nagios line (a plugin's "long text"): the volumes, the
/// problems with their ids (what `health mute` and `health ack` take), peers and bursts. No `|`
/// (see `NagiosCheck`).
enum HealthText {
    static func lines(_ report: HealthReport, at now: Double) -> [String] {
        var lines: [String] = []
        if !report.volumes.isEmpty {
            var volumes = ColumnTable(["VOLUME", "TYPE", "STATE", "BRICKS DOWN", "USED", "FULL IN", "HEAL", "SPLIT-BRAINS", "PROBLEMS", "SINCE", "WHY"])
            for volume in report.volumes {
                volumes.add([
                    volume.name, volume.layout?.kind.rawValue ?? "", volume.state.rawValue,
                    volume.brickCount.map { "\(volume.bricksDown) of \($0)" } ?? "\(volume.bricksDown)",
                    volume.usedPercent.map { "\($0)%" } ?? "", volume.fullAt.map { age($0 - now) } ?? "",
                    volume.healPending.map { pending in "\(pending)" + (volume.healDoneAt.map { " (done in \(age($0 - now)))" } ?? "") } ?? "",
                    "\(volume.splitBrains)",
                    "\(volume.problems)",
                    volume.since.map { since($0, now: now) } ?? "", volume.reason,
                ])
            }
            lines += [""] + volumes.lines
        }
        if !report.problems.isEmpty {
            var problems = ColumnTable(["SEVERITY", "PROBLEM", "VOLUME", "SINCE", "FLAPS", "FLAGS", "ID"])
            for problem in report.problems {
                problems.add([
                    problem.severity.rawValue.uppercased(), problem.summary, problem.entity.volume ?? "", since(problem.since, now: now),
                    "\(problem.flaps)", flags(problem).joined(separator: ", "), problem.id.description,
                ])
            }
            lines += [""] + problems.lines
        }
        var notes = [sources(report.sources, now: now)]
        if let peers = report.peers { notes.append("Peers: \(peers.connected) of \(peers.known) connected") }
        for burst in report.bursts {
            notes.append("Burst: \(burst.event) \(burst.perMinute)/min (usually \(String(format: "%.1f", burst.usualPerMinute))/min)")
        }
        if report.untracked > 0 { notes.append("Not followed: \(report.untracked) problems (the table of problems was full)") }
        lines += [""] + notes
        return lines
    }

    /// `Sources: 1234 events; the gluster CLI answered 12s ago`, or why it did not.
    static func sources(_ sources: HealthReport.Sources, now: Double) -> String {
        "Sources: " + sources.summary(now: now, age: age)
    }

    /// What else is true of it: muted (until when), flapping, getting worse, found by the gluster CLI.
    static func flags(_ problem: HealthReport.Problem) -> [String] {
        var flags: [String] = []
        if let until = problem.mutedUntil { flags.append("muted until \(localTime(until))") }
        if problem.flapping { flags.append("flapping") }
        if problem.gettingWorse { flags.append("worse (\(problem.openedInTrendWindow) in the last hour)") }
        if problem.reconciled { flags.append("found by the gluster CLI") }
        return flags
    }

    /// `4m ago (2026-11-29 13:01:02)`.
    static func since(_ time: Double, now: Double) -> String {
        "\(age(now - time)) ago (\(localTime(time)))"
    }

    /// `12s`, `4m`, `2h05m`, `3d04h`.
    static func age(_ seconds: Double) -> String {
        let whole = max(0, Int(bounded(seconds)))
        switch whole {
        case ..<60: return "\(whole)s"
        case ..<3600: return "\(whole / 60)m"
        case ..<86400: return String(format: "%ldh%02ldm", whole / 3600, whole % 3600 / 60)
        default: return String(format: "%ldd%02ldh", whole / 86400, whole % 86400 / 3600)
        }
    }

    /// A time read from a file (anything), as local time.
    private static func localTime(_ time: Double) -> String { TailFormat.localTime(Int64(bounded(time))) }

    /// `value` in whole seconds within ±10^15 (31 million years): it converts to an integer.
    private static func bounded(_ value: Double) -> Double { value.isNaN ? 0 : min(max(value, -1e15), 1e15).rounded(.down) }
}
