import GlusterEvents
import Testing

@testable import EventsEngine

/// Node ids come from any HTTP-ingest sender: the table of nodes stays bounded.
@Suite struct NodesTests {
    private func event(from node: String) -> ReceivedEvent {
        ReceivedEvent(name: "VOLUME_START", timestamp: 1, body: "{}", source: "http:x", receivedAtMillis: 1, nodeID: node)
    }

    @Test func atMost256NodesAreCountedApartAndTheRestTogether() {
        let nodes = Nodes(localNode: "local-node")
        nodes.record([event(from: "")])  // this node's own datagram
        nodes.record((1...3_000).map { event(from: "node-\($0)") })
        nodes.record([event(from: "node-1"), event(from: "node-2999")])  // a known node, and one beyond
        let snapshot = nodes.snapshot()
        #expect(snapshot.count == Nodes.maxNodes + 1)  // and the overflow entry
        #expect(snapshot["local-node"]?.events == 1)
        #expect(snapshot["node-1"]?.events == 2)
        #expect(snapshot["node-2999"] == nil)
        #expect(snapshot[Nodes.overflowNode]?.events == 3_000 - 255 + 1)
        #expect(nodes.overflowEvents == 3_000 - 255 + 1)
        #expect(snapshot[Nodes.overflowNode]?.name == "beyond the first 256 nodes")
    }

    @Test func noOverflowBelowTheLimit() {
        let nodes = Nodes(localNode: "local-node")
        nodes.record((1...10).map { event(from: "node-\($0)") })
        #expect(nodes.overflowEvents == 0 && nodes.snapshot()[Nodes.overflowNode] == nil)
    }
}
