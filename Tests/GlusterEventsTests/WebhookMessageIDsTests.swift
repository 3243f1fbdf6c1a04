import GlusterEvents
import Testing

/// A `webhook-id` names one event of one log of one node; reading one back takes only this log's.
@Suite struct WebhookMessageIDsTests {
    let ids = WebhookMessageIDs(nodeID: "0b9f3c2e-5d1a-4c7e-9f00-6a1b2c3d4e5f", epoch: "5c1e0a9b3d7f2468")

    @Test func anIdIsTheNodeTheEpochAndTheSequence() {
        #expect(ids.id(of: 42) == "0b9f3c2e-5d1a-4c7e-9f00-6a1b2c3d4e5f-5c1e0a9b3d7f2468-42")
        #expect(ids.sequence(of: ids.id(of: 42)) == 42)
        #expect(ids.sequence(of: ids.id(of: .max)) == .max)
    }

    @Test func anotherNodesOrAnotherLogsIdIsNotThisLogs() {
        let otherNode = WebhookMessageIDs(nodeID: "11111111-5d1a-4c7e-9f00-6a1b2c3d4e5f", epoch: ids.epoch)
        let otherLog = WebhookMessageIDs(nodeID: ids.nodeID, epoch: "0000000000000001")
        #expect(otherNode.id(of: 1) != ids.id(of: 1) && otherLog.id(of: 1) != ids.id(of: 1))
        #expect(ids.sequence(of: otherNode.id(of: 1)) == nil)
        #expect(ids.sequence(of: otherLog.id(of: 1)) == nil)
        for bad in ["42", "", ids.id(of: 4) + "x", ids.id(of: 1).replacing("-1", with: "--1"), ids.id(of: 1) + "99999999999999999999"] {
            #expect(ids.sequence(of: bad) == nil, "\(bad)")
        }
    }
}
