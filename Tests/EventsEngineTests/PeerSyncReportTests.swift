import GlusterHost
import Testing

@testable import EventsEngine

/// The operator log hears how a peer sync went, node by node.
@Suite struct PeerSyncReportTests {
    private func node(_ name: String, up: Bool) -> PeerSync.NodeResult { PeerSync.NodeResult(node: name, up: up, synced: up) }

    @Test func eachNodeIsToldAndADownOneIsAWarning() {
        let outcome = PeerSync.Outcome(nodes: [node("localhost", up: true), node("peer-2", up: false)], failure: nil, notes: [])
        let lines = PeerSyncReport.lines(outcome)
        #expect(lines.map(\.level) == [.info, .warning])
        #expect(lines[0].message == "peer sync: localhost has the new webhooks.json and config.json")
        #expect(lines[1].message.hasPrefix("peer sync: peer-2 is down and missed the change"))
    }

    @Test func aFailedCopyIsAnErrorWithGlusterdsWords() {
        let outcome = PeerSync.Outcome(
            nodes: [node("peer-2", up: true)], failure: (.webhooks, "[Error: 1]Commit failed on peer-2"), notes: ["mkdir it there"])
        let lines = PeerSyncReport.lines(outcome)
        #expect(lines.map(\.level) == [.error, .warning])
        #expect(lines[0].message == "peer sync: could not copy webhooks.json to the other nodes: [Error: 1]Commit failed on peer-2")
    }

    @Test func withNoOtherNodeThereIsNothingToTell() {
        #expect(PeerSyncReport.lines(PeerSync.Outcome(nodes: [node("localhost", up: true)], failure: nil, notes: [])).isEmpty)
    }
}
