import ClusterHealth
import EventLog
import Foundation
import GlusterEvents
import GlusterHost
import Synchronization
import Testing
import TestSupport

@testable import EventsEngine

/// The engine's health: rebuilt from the log on start, decisions kept in their file and taken up
/// from other processes, the report published, reconciliation with what the gluster CLI sees.
@Suite struct EngineHealthTests {
    let temporary = TemporaryDirectory()
    var layout: StateLayout { StateLayout.resolve(workdir: temporary.path) }
    static let node = "4c10a802-8828-4a11-b79a-1ba06a18f9c0"

    /// The real brick-failure capture's first `count` datagrams, logged as the pipeline logs them.
    private func logCapture(first count: Int) throws {
        let events = try Fixtures.datagrams(Fixtures.brickFailures).prefix(count).enumerated().map { index, datagram in
            try Self.received(datagram, nodeID: Self.node, atMillis: 1_796_070_882_000 + Int64(index) * 1000)
        }
        let writer = try EventLogWriter(directory: layout.eventLogDirectory)
        _ = try writer.append(events)
        writer.sync()
    }

    private static func received(_ datagram: String, nodeID: String, atMillis: Int64) throws -> ReceivedEvent {
        let event = try Datagram.parse(Array(datagram.utf8)).get()
        return ReceivedEvent(
            name: event.name, timestamp: event.timestamp, body: event.webhookBody(nodeID: nodeID), source: "127.0.0.1:5",
            receivedAtMillis: atMillis)
    }

    /// Engine health over the workdir's log, started, once it has read the whole log.
    private func started(observe: (@Sendable () -> ClusterObservation)? = nil) throws -> EngineHealth {
        let health = EngineHealth(layout: layout, localNode: "local", observe: observe)
        health.start()
        try #require(waitFor(timeout: 5) { health.hasRebuilt })
        return health
    }

    @Test func healthIsRebuiltFromTheLogOnStart() throws {
        try logCapture(first: 18)  // b1 and b2 killed, client quorum lost
        let health = try started()
        defer { health.stop() }
        let report = health.tracker.report(at: 1_796_070_910)  // past the settle window of the quorum lost
        #expect(report.problems.map(\.id.description).sorted() == [
            "brick-down/vm:/bricks/gv0/b1", "brick-down/vm:/bricks/gv0/b2", "client-quorum-lost/gv0-replicate-0",
        ])
        #expect(report.problems.first { $0.id.description == "brick-down/vm:/bricks/gv0/b1" }?.since == 1_796_070_897)  // received: line 16
        #expect(report.status == .critical)
    }

    /// A stop between two events of a batch (the follower at idle priority on a busy machine must
    /// not hold up SIGTERM for the rest of it): the batch's beginning is applied, the rest left.
    @Test func aStopLeavesTheRestOfABatch() throws {
        try logCapture(first: 18)
        let batch = EventLogCursor(directory: layout.eventLogDirectory, from: 1).read(limit: 100, maxBytes: 1 << 20)
        try #require(batch.count == 18)
        func problems(_ tracker: HealthTracker) -> [String] {
            tracker.report(at: 1_796_070_910).problems.map(\.id.description).sorted()
        }
        let whole = HealthTracker(localNode: "local")
        whole.apply(batch)
        let beginning = HealthTracker(localNode: "local")
        beginning.apply(Array(batch.prefix(15)))
        let stopped = HealthTracker(localNode: "local")
        var asked = 0
        stopped.apply(batch) {
            asked += 1
            return asked <= 15
        }
        #expect(problems(stopped) == problems(beginning))
        #expect(problems(stopped) != problems(whole))  // b1 went down on the 16th
    }

    /// After the rebuild, each batch the log takes reaches the model (told by `logAdvanced`).
    @Test func eventsTheLogTakesChangeHealthAsTheyCome() throws {
        let health = try started()
        defer { health.stop() }
        let writer = try EventLogWriter(directory: layout.eventLogDirectory)
        let last = try writer.append([
            try Self.received("1796070888 76 peer=vm;volume=gv0;brick=/b1", nodeID: Self.node, atMillis: 5_000),
            try Self.received("1796070888 66 svc_name=glustershd", nodeID: "", atMillis: 6_000),
        ])
        writer.sync()
        health.logAdvanced(to: (last ?? 1) + 1)
        #expect(waitFor(timeout: 5) { health.tracker.report(at: 10).problems.count == 2 })
        #expect(health.tracker.report(at: 10).problems.map(\.id.description).sorted() == [
            "brick-down/vm:/b1", "daemon-down/glustershd:local",
        ])
    }

    /// A mute made in the dashboard lasts across a restart; one made by another process (the
    /// `health` command) is taken up at the next housekeeping.
    @Test func decisionsLastAndAreSharedThroughTheirFile() throws {
        try logCapture(first: 12)  // b1 down
        let id = try #require(ProblemID("brick-down/vm:/bricks/gv0/b1"))
        let first = try started()
        try first.decide(.mute(id, seconds: 3600))
        #expect(first.tracker.report().problems.first?.muted == true)
        #expect(first.tracker.report().status == .ok)

        first.stop()
        let restarted = try started()
        defer { restarted.stop() }
        #expect(restarted.tracker.report().problems.first?.muted == true)
        try HealthDecisionsFile(path: layout.healthDecisionsFile).record(.unmute(id), at: Date().timeIntervalSince1970)
        restarted.housekeep()
        #expect(restarted.tracker.report().problems.first?.muted == false)
    }

    /// A decisions file that cannot be read (past its 4 MiB, or malformed) is said to be so — its
    /// mutes do not apply — and left as it is; fixed, it is taken up.
    @Test func anUnreadableDecisionsFileIsReportedAndLeftAsItIs() throws {
        try logCapture(first: 12)  // b1 down
        let id = try #require(ProblemID("brick-down/vm:/bricks/gv0/b1"))
        let path = layout.healthDecisionsFile
        let oversized = "{\"mutes\": [\"" + String(repeating: "x", count: 5 << 20) + "\"]}"
        try oversized.write(toFile: path, atomically: false, encoding: .utf8)
        let health = try started()
        defer { health.stop() }
        let problem = try #require(health.decisionsProblem)
        #expect(problem.contains(path) && problem.contains("MiB") && problem.contains("do not apply"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == oversized)

        try "{\"mutes\": [".write(toFile: path, atomically: false, encoding: .utf8)
        health.housekeep()
        #expect(health.decisionsProblem?.contains(path) == true)

        try FileManager.default.removeItem(atPath: path)
        try HealthDecisionsFile(path: path).record(.mute(id, seconds: 3600), at: Date().timeIntervalSince1970)
        health.housekeep()
        #expect(health.decisionsProblem == nil)
        #expect(health.tracker.report().problems.first?.muted == true)
    }

    @Test func theReportIsPublishedForOtherProcesses() throws {
        try logCapture(first: 12)
        let health = try started()
        defer { health.stop() }
        health.housekeep(now: 1_796_070_900)
        let published = try JSONValue.parse(String(contentsOfFile: layout.healthFile, encoding: .utf8))
        #expect(HealthReport(json: published) == health.tracker.report(at: 1_796_070_900))
        #expect(published["status"]?.stringValue == "WARNING")
    }

    /// A brick killed while nothing listened is found by reconciliation as soon as the engine starts.
    @Test func reconciliationSeedsWhatTheEventsDidNotSay() throws {
        let gv0 = ObservedCluster.Volume(
            name: "gv0", status: .started, layout: VolumeLayout(brickCount: 1), bricks: [.init(host: "vm", path: "/bricks/gv0/b3", online: false)])
        let health = try started(observe: { .observed(ObservedCluster(volumes: [gv0], peers: nil)) })
        defer { health.stop() }
        #expect(waitFor(timeout: 5) { !health.tracker.report().problems.isEmpty })
        let problem = try #require(health.tracker.report().problems.first)
        #expect(problem.id.description == "brick-down/vm:/bricks/gv0/b3" && problem.reconciled)
    }
}
