import ClusterHealth
import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// One alert as Alertmanager's API v2 takes it (`POST /api/v2/alerts`): labels (its identity),
/// annotations, and when it started and ends. Built from a health problem by `init(_:nodeID:)`,
/// or for many problems of a kind on a volume by `init(grouping:)`. Its values come from events:
/// each is printable text (control and invisible characters shown as `\x1b`, `\u202e`…, as on a
/// terminal: `amtool` prints them raw), cut to `maxLabelBytes` or `maxAnnotationBytes`.
struct AlertmanagerAlert: Sendable, Equatable {
    /// By name; empty values are left out (Alertmanager treats an empty label as no label).
    var labels: [String: String]
    var annotations: [String: String]
    /// Unix seconds.
    var startsAt: Double
    /// Unix seconds: in the future while it fires (Alertmanager resolves it then unless told
    /// again), when it closed once it has.
    var endsAt: Double

    /// Longest label and annotation values sent (UTF-8 bytes; a longer one is cut at a
    /// character): 200 alerts stay well under a megabyte a request.
    static let maxLabelBytes = 256
    static let maxAnnotationBytes = 512

    /// The alert for `problem`, seen by the engine on node `nodeID`. `endsAt` is left to the sender.
    init(_ problem: HealthReport.Problem, nodeID: String) {
        let entity = problem.entity
        var labels = [
            "alertname": problem.id.kind.alertName,
            "severity": problem.severity.rawValue,
            // Tells two problems of a kind apart (two bricks down are two alerts).
            "problem": problem.id.description,
            "node": entity["node"] ?? nodeID,
        ]
        labels["volume"] = entity.volume
        labels["brick"] = entity["brick"] ?? entity["brick_path"]
        labels["peer"] = entity["peer"]
        var annotations = ["summary": problem.summary, "since": Self.rfc3339(problem.since)]
        if problem.flapping { annotations["flapping"] = "\(problem.flaps) changes in the flap window" }
        self.labels = Self.bounded(labels, Self.maxLabelBytes)
        self.annotations = Self.bounded(annotations, Self.maxAnnotationBytes)
        startsAt = problem.since
        endsAt = problem.since
    }

    /// One alert for `problems` (several, of one kind, on one volume — or on any, `volume` nil):
    /// the worst severity among them, since the oldest, and how many in its summary.
    init(grouping problems: ArraySlice<HealthReport.Problem>, kind: ProblemKind, volume: String?, nodeID: String) {
        let severity = problems.map(\.severity).max() ?? kind.severity
        let since = problems.map(\.since).min() ?? 0
        labels = Self.bounded(
            [
                "alertname": kind.alertName, "severity": severity.rawValue, "node": nodeID, "volume": volume ?? "",
                // the group's identity: what it gathers
                "problem": kind.rawValue + "/grouped:" + (volume ?? "*"), "grouped": "true",
            ], Self.maxLabelBytes)
        annotations = Self.bounded(
            [
                "summary": "\(problems.count) problems: \(kind.words)" + (volume.map { " on volume \($0)" } ?? "")
                    + " (too many to send one by one; eventsdash health lists them)",
                "count": "\(problems.count)", "since": Self.rfc3339(since),
            ], Self.maxAnnotationBytes)
        startsAt = since
        endsAt = since
    }

    /// The JSON object Alertmanager takes.
    var json: JSONValue {
        .object([
            ("labels", .object(labels.map { ($0.key, .string($0.value)) })),
            ("annotations", .object(annotations.map { ($0.key, .string($0.value)) })),
            ("startsAt", .string(Self.rfc3339(startsAt))),
            ("endsAt", .string(Self.rfc3339(endsAt))),
        ])
    }

    /// `2026-12-01T10:15:02.250Z` (RFC 3339, UTC, milliseconds).
    static func rfc3339(_ seconds: Double) -> String {
        let millis = Int64(max(0, min(seconds, 1e11)) * 1000)
        var time = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(millis % 1000))
    }

    private static func bounded(_ values: [String: String], _ maxBytes: Int) -> [String: String] {
        values.compactMapValues { $0.isEmpty ? nil : TerminalText.escaped($0).prefix(utf8Bytes: maxBytes) }
    }
}
