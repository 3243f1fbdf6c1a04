import ClusterHealth
import GlusterEvents

/// `v`: the cluster as gluster describes it, in place of the panes — each volume with its type,
/// state and why, capacity and heal backlog; under it its subvolumes (replica or disperse sets)
/// and their bricks, host first, up or down, each with its capacity bar and backlog; then the
/// peers and where the figures come from. The gstatus of the terminal, live.
struct ClusterView: Overlay, Equatable {
    var scroll = ScrollPosition()

    var hidesPanes: Bool { true }
    var keyHints: String? { " Esc back  ↑↓ PgUp PgDn scroll  g G top, bottom  ? help  q quit" }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        if scroll.handle(key, page: max(1, (context.layout?.rows ?? 24) - 6)) { return [] }
        switch key {
        case .character("q"): return [.command(.quit)]
        case .escape, .backspace, .left, .character("h"), .character("v"): return [.close]
        case .character("?"), .function(1): return [.open(HelpOverlay())]
        default: return [.unknownKey(key)]
        }
    }

    mutating func fit(to frame: Frame) {
        let rows = Self.lines(frame.data.health, now: frame.data.now.timeIntervalSince1970).count
        scroll.fit(rows: rows, visible: frame.layout.content.height - 2)
    }

    func draw(on surface: any Surface, _ frame: Frame) {
        let area = surface.clipped(to: frame.layout.content)
        let (height, width) = area.size
        let report = frame.data.health
        let now = frame.data.now.timeIntervalSince1970
        let volumes = report.volumes.count
        let title = "CLUSTER  \(volumes) volume\(volumes == 1 ? "" : "s")" + (report.peers.map { " · peers \($0.connected)/\($0.known)" } ?? "")
        PaneTitle(text: title, right: "Esc back ").draw(on: area, focused: true)
        let columns = Self.Columns(width: width)
        area.write(Cell.fit(columns.header, width), row: 1, style: .heading, .bold)
        var lines = Self.lines(report, now: now)
        if report.volumes.isEmpty { lines.insert(Line(name: "  no volume known yet (gluster not asked, or no volume)", style: .muted, isNote: true), at: 0) }
        for (offset, line) in lines.dropFirst(scroll.top).prefix(max(0, height - 2)).enumerated() {
            area.write(Cell.fit(columns.row(line), width), row: 2 + offset, style: line.style, line.attributes)
        }
    }

    /// One row of the view: a volume, a subvolume, a brick, or a note.
    struct Line: Equatable {
        var name: String
        /// A brick's indent, host and `:`, kept whole when the name must be cut (the path gives way).
        var host: String?
        var kind = ""
        var state = ""
        var used: Double?
        var usedText = ""
        var heal = ""
        var why = ""
        var style: Style = .plain
        var attributes: TextAttributes = []
        /// A line of its own, not in the columns (where the figures come from).
        var isNote = false
        /// Has no capacity or heal figures: why starts where they would (a geo-rep line).
        var hasNoFigures = false
    }

    /// The rows: each volume, its subvolumes and bricks; then the sources.
    static func lines(_ report: HealthReport, now: Double) -> [Line] {
        var lines: [Line] = []
        for volume in report.volumes {
            lines.append(
                Line(
                    name: TerminalText.escaped(volume.name), kind: volume.layout?.kind.rawValue ?? "", state: volume.state.rawValue,
                    used: volume.usedPercent.map { Double($0) / 100 }, usedText: usage(volume.sizeTotal, volume.sizeFree),
                    heal: volume.healPending.map { DashboardFormat.count($0) } ?? "",
                    why: TerminalText.escaped(
                        ([volume.reason] + forecasts(fullAt: volume.fullAt, healDoneAt: volume.healDoneAt, now: now)).filter { !$0.isEmpty }
                            .joined(separator: " · ")),
                    style: style(volume.state), attributes: .bold))
            let size = volume.layout.map { max(1, $0.setSize) } ?? max(1, volume.bricks.count)
            let sets = stride(from: 0, to: volume.bricks.count, by: size).map { volume.bricks[$0..<min($0 + size, volume.bricks.count)] }
            for (index, set) in sets.enumerated() {
                if size > 1 {
                    let word = volume.layout.map { $0.disperseCount > 0 ? "disperse set" : $0.replicaCount > 1 ? "replica set" : "brick" } ?? "set"
                    let down = set.count { $0.online == false }
                    lines.append(
                        Line(
                            name: "  \(word) \(index)", state: down == 0 ? "" : "\(down)/\(set.count) down",
                            style: down == 0 ? .muted : .warning))
                }
                for brick in set {
                    let state = brick.online.map { $0 ? "up" : "DOWN" } ?? "—"
                    lines.append(
                        Line(
                            name: (size > 1 ? "    " : "  ") + TerminalText.escaped(brick.host + ":" + brick.path),
                            host: (size > 1 ? "    " : "  ") + TerminalText.escaped(brick.host) + ":", state: state, used: brick.space?.sizeUsed,
                            usedText: usage(brick.space?.sizeTotal, brick.space?.sizeFree),
                            heal: brick.heal.map { DashboardFormat.count($0.pending) } ?? "",
                why: ((brick.heal.map { $0.splitBrain > 0 ? ["\(DashboardFormat.count($0.splitBrain)) in split-brain"] : [] } ?? [])
                    + forecasts(fullAt: brick.fullAt, healDoneAt: nil, now: now)).joined(separator: " · "),
                            style: brick.online == false ? .problem : .plain))
                }
            }
            lines += geoReplicationLines(volume.geoReplication)
        }
        if !lines.isEmpty { lines.append(Line(name: "", isNote: true)) }
        let unanswered = report.sources.gluster.state == .unanswered
        lines.append(Line(name: sources(report.sources, now: now), style: unanswered ? .problem : .muted, isNote: true))
        return lines
    }

    /// Each geo-replication session of a primary volume, with its workers (a brick each) under
    /// it: the session FAULTY when one is, each worker's state, crawl and last sync.
    static func geoReplicationLines(_ workers: [VolumeDetails.GeoReplicationWorker]) -> [Line] {
        let bySession = Dictionary(grouping: workers, by: \.secondary)
        var seen: Set<String> = []
        let sessions = workers.map(\.secondary).filter { seen.insert($0).inserted }  // in gluster's order
        return sessions.flatMap { secondary in
            let workers = bySession[secondary] ?? []
            let faulty = workers.count(where: \.isFaulty)
            let statuses = Set(workers.map(\.status))
            let quiet: Set = ["Stopped", "Paused", "Created"]
            let session = Line(
                name: "  geo-rep → " + TerminalText.escaped(secondary),
                state: faulty > 0 ? "FAULTY" : statuses.count == 1 ? stateWord(workers[0].status) : "Active",
                why: faulty > 0 ? "\(faulty) of \(workers.count) faulty" : "",
                style: faulty > 0 ? .problem : statuses.isSubset(of: quiet) ? .muted : .plain, hasNoFigures: true)
            return [session]
                + workers.map { worker in
                    Line(
                        name: "    " + TerminalText.escaped(worker.primaryNode + ":" + worker.primaryBrick),
                        host: "    " + TerminalText.escaped(worker.primaryNode) + ":", state: stateWord(worker.status),
                        why: TerminalText.escaped([worker.crawlStatus, worker.lastSynced.map { "synced " + $0 }].compactMap { $0 }.joined(separator: " · ")),
                        style: worker.isFaulty ? .problem : quiet.contains(worker.status) ? .muted : .plain, hasNoFigures: true)
                }
        }
    }

    /// gluster's word for a worker's state, in the state column (`Initializing...` is long).
    private static func stateWord(_ status: String) -> String {
        TerminalText.escaped(status == "Initializing..." ? "Starting" : String(status.prefix(9)))
    }

    /// `full in 3d`, `healed in 12m`: what the samples forecast.
    private static func forecasts(fullAt: Double?, healDoneAt: Double?, now: Double) -> [String] {
        var words: [String] = []
        if let fullAt { words.append("full in " + DashboardFormat.age(clamping: fullAt - now)) }
        if let healDoneAt { words.append("healed in " + DashboardFormat.age(clamping: healDoneAt - now)) }
        return words
    }

    /// Where the figures come from: how many events, and whether and when gluster answered.
    static func sources(_ sources: HealthReport.Sources, now: Double) -> String {
        "  " + TerminalText.escaped(sources.summary(now: now) { DashboardFormat.age(clamping: $0) })
    }

    /// `6% of 541G`.
    private static func usage(_ total: UInt64?, _ free: UInt64?) -> String {
        guard let total, let free, total > 0 else { return "" }
        let used = Double(total - min(free, total)) / Double(total) * 100
        return "\(Int(used.rounded(.down)))% of \(bytes(total))"
    }

    /// `541G`, `55M`: binary units, one decimal under 10.
    static func bytes(_ value: UInt64) -> String {
        var size = Double(value)
        for unit in ["B", "K", "M", "G", "T", "P"] {
            if size < 1024 || unit == "P" {
                return unit == "B" ? "\(value)B" : (size < 10 ? String(format: "%.1f", size) : "\(Int(size))") + unit
            }
            size /= 1024
        }
        return "\(value)B"
    }

    private static func style(_ state: VolumeState) -> Style {
        switch state {
        case .up: .recovery
        case .degraded, .unknown: .warning
        case .partial, .down: .problem
        case .stopped, .created: .muted
        }
    }

    /// Where each column starts, for the width there is: the name keeps what it needs (a brick's
    /// host and path, cut in the middle if it must), the capacity bar goes first, then the type
    /// is abbreviated (`dist-repl`).
    struct Columns {
        let width: Int

        /// Type, state, used, heal and the spaces between: what is left is the name's, the bar's and why's.
        var typeWidth: Int { width >= 110 ? 20 : 13 }
        var fixed: Int { typeWidth + 9 + 12 + 6 + 5 }
        var nameWidth: Int { max(16, min(36, width < 110 ? width - fixed : (width - fixed) * 2 / 3)) }
        var barWidth: Int { width >= 110 ? max(0, min(12, width - fixed - nameWidth - 17)) : 0 }

        var header: String {
            pad("  VOLUME / SET / BRICK", nameWidth) + " " + pad("TYPE", typeWidth) + " " + pad("STATE", 9) + " "
                + (barWidth > 0 ? pad("", barWidth + 1) : "") + pad("USED", 12) + " " + pad("HEAL", 6) + " WHY"
        }

        func row(_ line: Line) -> String {
            guard !line.isNote else { return line.name }
            let bar = barWidth > 0 ? (line.used.map { Self.bar($0, barWidth) } ?? String(repeating: " ", count: barWidth)) + " " : ""
            let kind = typeWidth < 20 ? Self.short[line.kind] ?? line.kind : line.kind
            // a brick has no type: its name takes that column too
            let named = line.host != nil && kind.isEmpty ? name(line, nameWidth + 1 + typeWidth) : name(line, nameWidth) + " " + pad(kind, typeWidth)
            guard !line.hasNoFigures else { return named + " " + pad(line.state, 9) + " " + line.why }
            return named + " " + pad(line.state, 9) + " " + bar + pad(line.usedText, 12) + " "
                + pad(line.heal, 6) + " " + line.why
        }

        /// The types in 13 columns.
        static let short = [
            "distributed-replicate": "dist-repl", "distributed-arbiter": "dist-arbiter", "distributed-disperse": "dist-disperse",
        ]

        /// `████░░░░`: the share used.
        static func bar(_ used: Double, _ width: Int) -> String {
            let filled = Int((min(1, max(0, used)) * Double(width)).rounded())
            return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        }

        /// The name in its column: a brick too long keeps its host whole and loses the middle of
        /// its path (`gluster-node-07.example.com:/srv/…/brick1`), unless the host alone is wider.
        private func name(_ line: Line, _ width: Int) -> String {
            guard let host = line.host, Cell.width(of: line.name) > width else { return pad(line.name, width) }
            let room = width - Cell.width(of: host)
            guard room >= 8 else { return pad(line.name, width) }
            return host + Cell.fitMiddle(String(line.name.dropFirst(host.count)), room)
        }

        /// `text` cut or padded to `width` columns; a name too long loses its middle, so that a
        /// brick keeps its host and the end of its path.
        private func pad(_ text: String, _ width: Int) -> String {
            Cell.width(of: text) <= width ? Cell.fit(text, width) : Cell.fitMiddle(text, width)
        }
    }
}
