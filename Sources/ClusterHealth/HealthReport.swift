import GlusterEvents

/// What is wrong now, as `ClusterHealth.report(at:)` works it out: the problems (open, or flapping),
/// each volume's and the peers' summary, bursts of events.
public struct HealthReport: Sendable, Equatable {
    public struct Problem: Sendable, Equatable {
        public var id: ProblemID
        public var entity: Entity
        /// False for a problem that has closed but flaps.
        public var isOpen: Bool
        /// When it entered its present state, Unix seconds.
        public var since: Double
        public var severity: ProblemKind.Severity
        /// Opened or closed within the flap window.
        public var flaps: Int
        public var flapping: Bool
        /// How often it opened in the last trend window (an hour).
        public var openedInTrendWindow: Int
        /// More often than in the hour before.
        public var gettingWorse: Bool
        public var mutedUntil: Double?
        /// Found by reconciliation with the gluster CLI, not told by an event.
        public var reconciled: Bool

        public var muted: Bool { mutedUntil != nil }

        /// `brick down: vm:/bricks/gv0/b1 (gv0)`, `split-brain: gv0-replicate-0 /a/file`.
        public var summary: String {
            var text = "\(id.kind.words): \(entity.label)"
            if let volume = entity.volume, !entity.label.hasPrefix(volume) { text += " (\(volume))" }
            if !isOpen { text += ", up now but flapping" }
            return text
        }
    }

    public struct Volume: Sendable, Equatable {
        public var name: String
        public var stopped: Bool
        /// Bricks it has, when known.
        public var bricks: Int?
        public var bricksDown: Int
        public var splitBrains: Int
        /// False when it serves no I/O: quorum lost, or a whole replica or disperse set down.
        public var serving: Bool
        /// Open problems of the volume.
        public var problems: Int
        /// Since when it has had a problem (the oldest open one).
        public var since: Double?

        public enum State: String, Sendable { case ok = "OK", degraded = "DEGRADED", down = "DOWN", stopped = "STOPPED" }

        public var state: State {
            if stopped && problems == 0 { return .stopped }
            if !serving { return .down }
            return problems > 0 ? .degraded : .ok
        }
    }

    public struct Peers: Sendable, Equatable {
        public var known: Int
        public var connected: Int
    }

    /// Open (and flapping) problems, worst first, then newest first.
    public var problems: [Problem]
    public var volumes: [Volume]
    public var peers: Peers?
    public var bursts: [Burst]
    /// Problems not followed: the table was full.
    public var untracked: Int

    /// Nothing known yet (no engine has published a report).
    public static let empty = HealthReport(problems: [], volumes: [], peers: nil, bursts: [], untracked: 0)

    /// The Nagios/Icinga status: critical if a problem not muted is critical, warning if one is a
    /// warning (or flaps), else OK.
    public var status: Status {
        let counted = problems.filter { !$0.muted }
        if counted.contains(where: { $0.severity == .critical }) { return .critical }
        return counted.isEmpty ? .ok : .warning
    }

    public enum Status: Int, Sendable, Comparable {
        case ok = 0, warning = 1, critical = 2, unknown = 3

        public var word: String { ["OK", "WARNING", "CRITICAL", "UNKNOWN"][rawValue] }

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}
