import ClusterHealth
import GlusterEvents

/// The header's third row, the cluster at a glance: the overall status, each volume's state
/// (`gv0 DEGRADED: 1/3 bricks down 4m · 1 split-brain`), the peers connected, and bursts of
/// events — each part in its colour. When the row is too narrow, volumes that are OK (or stopped)
/// become `+N more`, then bursts and peers go, then the other volumes but the worst; the last
/// part is cut.
enum HealthLine {
    /// A piece of the row in one style, its text escaped for the terminal.
    struct Part: Equatable {
        var text: String
        var style: Style
        var attributes: TextAttributes = []
    }

    static let separator = Part(text: " │ ", style: .heading)

    /// The parts that fit in `width` columns, for `report` at `now` (Unix seconds).
    static func parts(_ report: HealthReport, now: Double, width: Int) -> [Part] {
        let sorted = report.volumes.sorted { ($0.state.rank, $1.name) > ($1.state.rank, $0.name) }
        let serious = sorted.count { $0.state.severity != nil || $0.state == .unknown }
        // No more than can fit (each takes 4 columns at least): the list may hold thousands.
        var volumes = sorted.prefix(max(1, width / 4)).map { volume($0, report.problems, now: now) }
        if volumes.isEmpty && report.peers == nil { volumes = [Part(text: "no volume known yet", style: .muted)] }
        let peers = report.peers.map(Self.peers).map { [$0] } ?? []
        let bursts = report.bursts.map(Self.burst) + (report.untracked > 0 ? [untracked(report.untracked)] : [])
        let lead = status(report)
        // Most parts first.
        var candidates: [[Part]] = []
        for tail in [peers + bursts, peers, []] {
            let fewest = tail.isEmpty ? min(1, volumes.count) : min(volumes.count, max(serious, min(1, volumes.count)))
            for shown in stride(from: volumes.count, through: fewest, by: -1) {
                let more = max(sorted.count, volumes.count) - shown
                candidates.append(
                    volumes.prefix(shown) + (more > 0 ? [Part(text: "+\(more) more", style: .plain)] : []) + tail)
            }
        }
        let chosen = candidates.first { Cell.width(of: lead + joined($0)) <= width } ?? candidates.last ?? []
        return cut(lead + joined(chosen), to: width)
    }

    /// `OK`, `WARNING`, `CRITICAL` in its colour, with the muted problems counted.
    private static func status(_ report: HealthReport) -> [Part] {
        let status = report.status
        let style: Style =
            switch status {
            case .ok: .recovery
            case .warning, .unknown: .warning
            case .critical: .problem
            }
        var parts = [Part(text: " " + status.word, style: style, attributes: .bold)]
        let muted = report.problems.count(where: \.muted)
        if muted > 0 { parts.append(Part(text: " (\(muted) muted)", style: .muted)) }
        return parts + [Part(text: "  ", style: .plain)]
    }

    /// `gv0 DEGRADED: 1/3 bricks down 4m · 1 split-brain`: the first figure with how long it has
    /// been so (its oldest open problem); for a volume UP with problems, what they are
    /// (`gv1 UP: quota soft limit crossed 2m`); for one UNKNOWN, why.
    private static func volume(_ volume: HealthReport.Volume, _ problems: [HealthReport.Problem], now: Double) -> Part {
        let open = problems.filter { $0.isOpen && $0.entity.volume == volume.name }
        let brickKinds: Set<ProblemKind> = [.brickDown, .brickHealthCheckFailed]
        var since: [Double?] = []
        var details: [String] = []
        if volume.bricksDown > 0 {
            // A volume created without its bricks named (or told of fewer than are down): unknown.
            let of = volume.brickCount.flatMap { $0 >= volume.bricksDown ? "/\($0)" : nil } ?? ""
            details.append("\(volume.bricksDown)\(of) brick\(volume.bricksDown == 1 && of.isEmpty ? "" : "s") down")
            since.append(open.filter { brickKinds.contains($0.id.kind) }.map(\.since).min())
        }
        if volume.splitBrains > 0 {
            details.append("\(volume.splitBrains) split-brain\(volume.splitBrains == 1 ? "" : "s")")
            since.append(open.filter { $0.id.kind == .splitBrain }.map(\.since).min())
        }
        let rest = open.filter { !brickKinds.contains($0.id.kind) && $0.id.kind != .splitBrain }
        if !rest.isEmpty {
            let kinds = Set(rest.map(\.id.kind))
            if kinds.count == 1, let kind = kinds.first {
                details.append((rest.count == 1 ? "" : "\(rest.count)× ") + kind.words)
            } else {
                details.append("\(rest.count) \(details.isEmpty ? "" : "more ")problems")
            }
            since.append(rest.map(\.since).min())
        }
        // closed, but opening and closing too often: what keeps it WARNING while UP
        let flapping = problems.filter { !$0.isOpen && $0.flapping && $0.entity.volume == volume.name }
        if !flapping.isEmpty {
            let kinds = Set(flapping.map(\.id.kind))
            details.append((kinds.count == 1 ? kinds.first!.words : "\(flapping.count) problems") + " flapping")
            since.append(flapping.map(\.since).min())
        }
        if details.isEmpty, volume.state == .unknown, !volume.reason.isEmpty { details.append(volume.reason) }
        if let first = since.first, let first = first ?? volume.since {
            details[0] += " " + DashboardFormat.age(since: first, now: now)
        }
        let state = volume.state
        let text = "\(volume.name) \(state.rawValue)" + (details.isEmpty ? "" : ": " + details.joined(separator: " · "))
        let style: Style =
            switch state {
            case .up: .recovery
            case .degraded, .unknown: .warning
            case .partial, .down: .problem
            case .stopped, .created: .muted
            }
        return Part(text: TerminalText.escaped(text), style: style, attributes: state.severity == .critical ? .bold : [])
    }

    private static func peers(_ peers: HealthReport.Peers) -> Part {
        Part(text: "peers \(peers.connected)/\(peers.known)", style: peers.connected < peers.known ? .warning : .recovery)
    }

    /// `⚡ CLIENT_CONNECT 300/min`.
    private static func burst(_ burst: Burst) -> Part {
        Part(text: TerminalText.escaped("⚡ \(burst.event) \(DashboardFormat.count(burst.perMinute))/min"), style: .warning)
    }

    private static func untracked(_ count: Int) -> Part {
        Part(text: "⚠ \(DashboardFormat.count(count)) problems not followed (table full)", style: .warning)
    }

    private static func joined(_ parts: [Part]) -> [Part] {
        parts.enumerated().flatMap { index, part in index == 0 ? [part] : [separator, part] }
    }

    /// The parts up to `width` columns, the last one that does not fit cut with `…`.
    private static func cut(_ parts: [Part], to width: Int) -> [Part] {
        var kept: [Part] = []
        var used = 0
        for var part in parts {
            let partWidth = Cell.width(of: part.text)
            if used + partWidth > width {
                part.text = Cell.fit(part.text, width - used)
                if !part.text.isEmpty { kept.append(part) }
                break
            }
            kept.append(part)
            used += partWidth
        }
        return kept
    }
}

extension Cell {
    /// The columns `parts` take side by side.
    static func width(of parts: [HealthLine.Part]) -> Int { parts.reduce(0) { $0 + width(of: $1.text) } }
}
