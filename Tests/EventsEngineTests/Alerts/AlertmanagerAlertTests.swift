import ClusterHealth
import Foundation
import GlusterEvents
import Testing

@testable import EventsEngine

/// A health problem as Alertmanager gets it: its name, labels and annotations, bounded.
@Suite struct AlertmanagerAlertTests {
    static func report(_ events: [(String, [String: String])], at now: Double = 200, decisions: HealthDecisions = .init())
        -> HealthReport
    {
        var health = ClusterHealth(decisions: decisions)
        for (name, fields) in events { health.apply(HealthEvent(name: name, fields: fields, node: "node-b", time: 100)) }
        return health.report(at: now)
    }

    static let b1 = ["peer": "vm", "volume": "gv0", "brick": "/bricks/gv0/b1"]

    /// Alertmanager routes and silences on these names: renaming one breaks someone's config.
    @Test func everyKindHasItsAlertName() {
        let names = Dictionary(uniqueKeysWithValues: ProblemKind.allCases.map { ($0, $0.alertName) })
        #expect(
            names == [
                .brickDown: "GlusterBrickDown", .brickHealthCheckFailed: "GlusterBrickHealthCheckFailed",
                .peerDisconnected: "GlusterPeerDisconnected", .peerRejected: "GlusterPeerRejected", .quorumLost: "GlusterQuorumLost",
                .clientQuorumLost: "GlusterClientQuorumLost", .subvolumeDown: "GlusterSubvolumeDown",
                .ecBricksNotUp: "GlusterEcBricksNotUp", .splitBrain: "GlusterSplitBrain", .georepFaulty: "GlusterGeorepFaulty",
                .daemonDown: "GlusterDaemonDown", .daemonFailed: "GlusterDaemonFailed", .quotaSoftLimit: "GlusterQuotaSoftLimit",
                .snapshotSoftLimit: "GlusterSnapshotSoftLimit", .snapshotHardLimit: "GlusterSnapshotHardLimit",
                .bitrotBadFile: "GlusterBitrotBadFile", .glusterdDown: "GlusterdDown", .brickFilling: "GlusterBrickFilling",
                .brickFull: "GlusterBrickFull", .brickFullSoon: "GlusterBrickFullSoon", .quotaHardLimit: "GlusterQuotaHardLimit",
                .rebalanceFailed: "GlusterRebalanceFailed",
            ])
    }

    @Test func aBrickDownHasItsVolumeBrickPeerAndTheEnginesNode() throws {
        let problem = try #require(Self.report([("BRICK_DISCONNECTED", Self.b1)]).problems.first)
        let alert = AlertmanagerAlert(problem, nodeID: "node-a")
        #expect(
            alert.labels == [
                "alertname": "GlusterBrickDown", "severity": "warning", "problem": "brick-down/vm:/bricks/gv0/b1", "volume": "gv0",
                "brick": "/bricks/gv0/b1", "peer": "vm", "node": "node-a",
            ])
        #expect(alert.annotations == ["summary": "brick down: vm:/bricks/gv0/b1 (gv0)", "since": "1970-01-01T00:01:40.000Z"])
        #expect(alert.startsAt == 100)
    }

    /// Labels a problem lacks are left out, not sent empty; a daemon's node is the node it is on.
    @Test func missingLabelsAreLeftOutAndADaemonsNodeIsItsOwn() throws {
        let quorum = try #require(Self.report([("QUORUM_LOST", ["volume": "gv0"])]).problems.first)
        #expect(
            AlertmanagerAlert(quorum, nodeID: "node-a").labels == [
                "alertname": "GlusterQuorumLost", "severity": "critical", "problem": "quorum-lost/gv0", "volume": "gv0", "node": "node-a",
            ])
        let daemon = try #require(Self.report([("SVC_DISCONNECTED", ["svc_name": "glustershd"])]).problems.first)
        let labels = AlertmanagerAlert(daemon, nodeID: "node-a").labels
        #expect(labels["alertname"] == "GlusterDaemonDown" && labels["node"] == "node-b")
        #expect(labels["volume"] == nil && labels["brick"] == nil && labels["peer"] == nil)
    }

    /// Values come from events: long ones are cut (at a character); control and invisible
    /// characters (ESC, NUL, DEL, a bidi override) are shown as escapes, never sent raw (amtool
    /// prints label values as they are).
    @Test func longAndOddValuesAreBoundedAndEncoded() throws {
        let long = String(repeating: "é", count: 2000)
        let odd = "b\u{0}\"\n\u{1B}[31m\u{7F}\u{202E}"
        let problem = try #require(
            Self.report([("BRICK_DISCONNECTED", ["peer": long, "volume": odd, "brick": "/" + long])]).problems.first)
        let alert = AlertmanagerAlert(problem, nodeID: "node-a")
        for value in alert.labels.values { #expect(value.utf8.count <= AlertmanagerAlert.maxLabelBytes) }
        for value in alert.annotations.values { #expect(value.utf8.count <= AlertmanagerAlert.maxAnnotationBytes) }
        for value in Array(alert.labels.values) + Array(alert.annotations.values) {
            #expect(!value.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }, "\(value)")
        }
        let text = JSONValue.array([alert.json]).encoded()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let labels = try #require(parsed.first?["labels"] as? [String: String])
        #expect(labels["volume"] == #"b\x00"\n\x1b[31m\x7f\u202e"#)
        #expect(labels["peer"]?.hasPrefix("ééé") == true)
    }

    @Test func timesAreRFC3339InUTC() {
        #expect(AlertmanagerAlert.rfc3339(1_796_070_888.25) == "2026-11-30T20:34:48.250Z")
        #expect(AlertmanagerAlert.rfc3339(0) == "1970-01-01T00:00:00.000Z")
    }
}
