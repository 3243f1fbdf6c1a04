import ClusterHealth
import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// One alert as Alertmanager's API v2 takes it (`POST /api/v2/alerts`): labels (its identity),
/// annotations, and when it started and ends. Built from a health problem by `init(_:nodeID:)`;
/// its values come from events, so each is cut to `maxValueBytes`.
struct AlertmanagerAlert: Sendable, Equatable {
    /// By name; empty values are left out (Alertmanager treats an empty label as no label).
    var labels: [String: String]
    var annotations: [String: String]
    /// Unix seconds.
    var startsAt: Double
    /// Unix seconds: in the future while it fires (Alertmanager resolves it then unless told
    /// again), when it closed once it has.
    var endsAt: Double

    /// Longest label or annotation value sent (UTF-8 bytes; a longer one is cut at a character).
    static let maxValueBytes = 1024

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
        self.labels = Self.bounded(labels)
        self.annotations = Self.bounded(annotations)
        startsAt = problem.since
        endsAt = problem.since
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

    private static func bounded(_ values: [String: String]) -> [String: String] {
        values.compactMapValues { $0.isEmpty ? nil : $0.prefix(utf8Bytes: maxValueBytes) }
    }
}
