import ClusterHealth
import Foundation
import GlusterEvents

/// The first line of a Nagios/Icinga plugin's output (Nagios Plugin Development Guidelines):
/// `HEALTH <STATUS> - <what is wrong> | <perfdata>`, each perfdata item
/// `'label'=value[UOM];[warn];[crit];[min];[max]`.
///
/// A `|` starts perfdata, on the first line and on any line after it, so none may appear in the
/// text: one from outside (a brick path) is shown as `/`, and the lines after this one (the tables)
/// draw no `|` either. The line is at most `maxLineBytes` whatever the names in it: the problems'
/// words are cut, and volumes whose items do not fit are counted (`volumes_not_shown`).
enum NagiosCheck {
    /// Problems named in the line at most; the rest are counted.
    static let namedProblems = 3
    /// The whole first line at most (Nagios reads 8 KB of a plugin's output by default, and
    /// volume and brick names come from outside).
    static let maxLineBytes = 8_192
    /// The text before the perfdata at most, so that the cluster's counts always fit after it.
    static let maxTextBytes = 2_048
    /// A volume's name in a label at most.
    static let maxLabelNameBytes = 64

    /// `volume`: the one volume checked (`--volume`), named in the line. `unknownBecause`: why
    /// nothing that knows the cluster now answered: the status is UNKNOWN, and what the report
    /// (the log's) says follows the reason.
    static func line(_ report: HealthReport, volume: String? = nil, unknownBecause: String? = nil) -> String {
        let status = unknownBecause == nil ? report.status : .unknown
        let muted = report.problems.filter(\.muted)
        let counted = report.problems.filter { !$0.muted }
        var text = "HEALTH \(status.word) - "
        if let unknownBecause { text += "\(unknownBecause); the event log last said \(report.status.word): " }
        if let volume, let state = report.volumes.first(where: { $0.name == volume })?.state { text += "volume \(volume) \(state.rawValue), " }
        let mutedToo = muted.isEmpty ? "" : ", \(muted.count) muted"
        if counted.isEmpty {
            text += "no problems" + mutedToo
        } else {
            let named = counted.prefix(namedProblems).map(\.summary).joined(separator: "; ")
            let total = counted.count + report.notListedCritical + notListedWarnings(report)
            text += "\(total) problem\(total == 1 ? "" : "s")\(mutedToo): \(named)"
            if total > namedProblems { text += "; and \(total - namedProblems) more" }
        }
        // escaped here (Output's escaping then finds nothing) so that what is measured is what is printed
        text = TerminalText.escaped(text)
        if text.utf8.count > maxTextBytes { text = text.prefix(utf8Bytes: maxTextBytes - 3) + "…" }
        let head = withoutPipes(text) + " | "
        return head + perfdata(report, budget: maxLineBytes - head.utf8.count).joined(separator: " ")
    }

    /// Problems past the listed ones that are warnings, not muted (figures from a file: never negative).
    private static func notListedWarnings(_ report: HealthReport) -> Int {
        max(0, report.notListed - report.notListedCritical - report.notListedMuted)
    }

    /// The line for a check that cannot tell (exit 3).
    static func unknown(_ reason: String) -> String { "HEALTH UNKNOWN - " + withoutPipes(reason) }

    /// Counts of the problems (not muted, by severity; muted apart), then the cluster's and each
    /// volume's (`gv0_bricks_down`, its bricks as the maximum when known; `gv0_used`, the share of
    /// its usable bytes used, when gluster told), worst volumes first, as many as fit in `budget`
    /// bytes; `volumes_not_shown` counts the rest.
    static func perfdata(_ report: HealthReport, budget: Int = maxLineBytes) -> [String] {
        let counted = report.problems.filter { !$0.muted }
        var items = [
            item("problems", report.problems.count + report.notListed),
            item("critical", counted.count { $0.severity == .critical } + report.notListedCritical),
            item("warning", counted.count { $0.severity == .warning } + notListedWarnings(report)),
            item("muted", report.problems.count(where: \.muted) + report.notListedMuted),
            item("bricks_down", report.volumes.reduce(0) { $0 + $1.bricksDown }),
            item("split_brains", report.volumes.reduce(0) { $0 + $1.splitBrains }),
            item("volumes_not_serving", report.volumes.count { $0.state.severity == .critical }),
        ]
        if let peers = report.peers { items.append(item("peers_connected", peers.connected, max: peers.known)) }
        // room kept for the count of volumes left out (its item is at most this long)
        var room = budget - items.reduce(0) { $0 + $1.utf8.count + 1 } - 40
        let worstFirst = report.volumes.enumerated().sorted { ($1.element.problems, $0.offset) < ($0.element.problems, $1.offset) }.map(\.element)
        var shown = 0
        for volume in worstFirst {
            let name = labelName(volume.name)
            var group = [item(name + "_problems", volume.problems), item(name + "_bricks_down", volume.bricksDown, max: volume.brickCount)]
            if let used = volume.usedPercent { group.append("\(quoted(name + "_used"))=\(used)%;;;0;100") }
            let size = group.reduce(0) { $0 + $1.utf8.count + 1 }
            guard size <= room else { break }
            room -= size
            items += group
            shown += 1
        }
        if shown < report.volumes.count { items.append(item("volumes_not_shown", report.volumes.count - shown)) }
        return items
    }

    /// A volume's name cut to `maxLabelNameBytes` in its middle, so that names alike to their
    /// end stay apart.
    private static func labelName(_ name: String) -> String {
        guard name.utf8.count > maxLabelNameBytes else { return name }
        let end = String(name.suffix(16)).prefix(utf8Bytes: 24)
        return name.prefix(utf8Bytes: maxLabelNameBytes - end.utf8.count - 3) + "…" + end
    }

    /// `label=value;;;0[;max]`: no thresholds (the status says what is wrong), 0 the minimum.
    private static func item(_ label: String, _ value: Int, max: Int? = nil) -> String {
        "\(quoted(label))=\(value);;;0" + (max.map { ";\($0)" } ?? "")
    }

    /// A label as the guidelines allow it: no `=` (shown as `_`), in single quotes (a quote in it
    /// doubled) when it holds anything but letters, digits, `_`, `-` and `.`.
    private static func quoted(_ label: String) -> String {
        let plain = !label.isEmpty && label.utf8.allSatisfy { plainLabelBytes.contains($0) }
        let label = TerminalText.escaped(withoutPipes(label)).replacingOccurrences(of: "=", with: "_")
        return plain ? label : "'" + label.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static let plainLabelBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.".utf8)

    /// `text` with each `|` shown as `/`.
    static func withoutPipes(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "/") }
}
