import ClusterHealth
import Foundation
import GlusterHost
import Testing
import TestSupport

/// Reading what the gluster CLI sees: real GlusterFS 10.3 output (`Tests/Fixtures/`), and samples built
/// from its cli-xml-output.c for what one node cannot show (other nodes, a peer down).
@Suite struct ObservedClusterGlusterCLITests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: Fixtures.directory + "/" + name, encoding: .utf8)
    }

    static let brickKilled = "gluster-10.3-volume-status-brick-killed.xml"
    static let pool = "gluster-10.3-pool-list.xml"

    @Test func theRealStatusHasAKilledBrickAndNoDaemonAsABrick() throws {
        let observed = try #require(
            ObservedCluster(volumeStatusXML: Self.fixture(Self.brickKilled), poolListXML: Self.fixture(Self.pool)))
        #expect(
            observed.bricks == [
                .init(volume: "gv0", host: "vm", path: "/tmp/edobserve/gv0/b1", online: false),
                .init(volume: "gv0", host: "vm", path: "/tmp/edobserve/gv0/b2", online: true),
                .init(volume: "gv0", host: "vm", path: "/tmp/edobserve/gv0/b3", online: true),
            ])
        #expect(observed.startedVolumes == ["gv0"])  // gv1, created but not started, is left out
        #expect(observed.peers == [])  // this node alone, as localhost
    }

    @Test func noVolumesIsAnAnswerNotAFailure() throws {
        let observed = try #require(
            ObservedCluster(volumeStatusXML: Self.fixture("gluster-10.3-volume-status-no-volumes.xml"), poolListXML: nil))
        #expect(observed == ObservedCluster(bricks: [], startedVolumes: [], peers: nil))
    }

    @Test func aFailedAnswerOrNoAnswerIsNothingSeen() throws {
        #expect(ObservedCluster(volumeStatusXML: try Self.fixture("gluster-10.3-volume-status-not-started.xml"), poolListXML: nil) == nil)
        #expect(ObservedCluster(volumeStatusXML: "Connection failed. Please check if gluster daemon is operational.", poolListXML: nil) == nil)
        #expect(ObservedCluster(volumeStatusXML: "", poolListXML: nil) == nil)
        // the pool list's answer, not a volume status
        #expect(ObservedCluster(volumeStatusXML: try Self.fixture(Self.pool), poolListXML: nil) == nil)
    }

    @Test func truncatedOrMalformedXMLIsRefused() throws {
        let status = try Self.fixture(Self.brickKilled)
        for length in [1, 40, status.count / 2, status.count - 3] {
            #expect(ObservedCluster(volumeStatusXML: String(status.prefix(length)), poolListXML: nil) == nil)
        }
        for trailer in ["<cliOutput/>", "junk", "<"] {  // after the root element
            #expect(ObservedCluster(volumeStatusXML: status + trailer, poolListXML: nil) == nil)
        }
        #expect(ObservedCluster(volumeStatusXML: "<cliOutput><opRet>0</opRet><volStatus><volumes></cliOutput>", poolListXML: nil) == nil)
        #expect(ObservedCluster(volumeStatusXML: "<cliOutput><opRet>0</opRet>", poolListXML: nil) == nil)
        // a pool list that does not parse leaves only the peers unknown
        let observed = try #require(ObservedCluster(volumeStatusXML: status, poolListXML: "<cliOutput><peerStatus>"))
        #expect(observed.peers == nil && observed.bricks.count == 3)
    }

    /// An external entity is not read (a volume without a name is no volume).
    @Test func entitiesAreNotExpanded() {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE cliOutput [<!ENTITY x SYSTEM "file:///etc/hostname">]>
            <cliOutput><opRet>0</opRet><volStatus><volumes><volume><volName>&x;</volName></volume></volumes></volStatus></cliOutput>
            """
        let names = ObservedCluster(volumeStatusXML: xml, poolListXML: nil)?.startedVolumes
        #expect(names == [])
        // nor are entities made to multiply (a "billion laughs")
        var bomb = #"<?xml version="1.0"?><!DOCTYPE cliOutput [<!ENTITY l0 "lollollollollollollollollollol">"#
        for level in 1...9 { bomb += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        bomb += "]><cliOutput><opRet>0</opRet><volStatus><volumes><volume><volName>&l9;</volName></volume></volumes></volStatus></cliOutput>"
        #expect(ObservedCluster(volumeStatusXML: bomb, poolListXML: nil) == nil)
    }

    @Test func inputOverSixteenMebibytesIsRefusedUnread() {
        let padding = String(repeating: " ", count: 16 << 20)
        let xml = "<cliOutput><opRet>0</opRet><volStatus><volumes/></volStatus></cliOutput>"
        #expect(ObservedCluster(volumeStatusXML: xml + padding, poolListXML: nil) == nil)
        #expect(ObservedCluster(volumeStatusXML: xml, poolListXML: nil) != nil)
    }

    /// Two nodes, a third one down (its bricks are not listed), daemons on each node.
    @Test func aPoolOfSeveralNodesWithOneDown() throws {
        let observed = try #require(ObservedCluster(volumeStatusXML: Self.twoNodeStatus, poolListXML: Self.poolWithOneDown))
        #expect(
            observed.bricks == [
                .init(volume: "gv0", host: "server1", path: "/data/brick1/gv0", online: true),
                .init(volume: "gv0", host: "server2", path: "/data/brick1/gv0", online: false),
                .init(volume: "gv1", host: "server1", path: "/data/brick2/gv1", online: true),
            ])
        #expect(observed.startedVolumes == ["gv0", "gv1"])
        #expect(observed.peers == [.init(host: "server2", connected: true), .init(host: "server3", connected: false)])
    }

    /// The real capture fed to the health model: the killed brick is found down by reconciliation.
    @Test func aKilledBrickOpensAReconciledProblem() throws {
        let observed = try #require(
            ObservedCluster(volumeStatusXML: Self.fixture(Self.brickKilled), poolListXML: Self.fixture(Self.pool)))
        var health = ClusterHealth()
        health.reconcile(observed, at: 100)
        let open = health.report(at: 200).problems.filter(\.isOpen)
        #expect(open.map(\.id.description) == ["brick-down/vm:/tmp/edobserve/gv0/b1"])
        #expect(open.first?.reconciled == true && open.first?.since == 100)
        #expect(health.report(at: 200).volumes.map { "\($0.name) \($0.bricksDown)/\($0.bricks ?? 0)" } == ["gv0 1/3"])
    }

    static let twoNodeStatus = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volStatus><volumes>
          <volume><volName>gv0</volName><nodeCount>5</nodeCount>
            <node><hostname>server1</hostname><path>/data/brick1/gv0</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>49152</port><ports><tcp>49152</tcp><rdma>N/A</rdma></ports><pid>12345</pid></node>
            <node><hostname>server2</hostname><path>/data/brick1/gv0</path><peerid>22222222-2222-2222-2222-222222222222</peerid>
              <status>0</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>-1</pid></node>
            <node><hostname>Self-heal Daemon</hostname><path>localhost</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>2345</pid></node>
            <node><hostname>Self-heal Daemon</hostname><path>server2</path><peerid>22222222-2222-2222-2222-222222222222</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>3456</pid></node>
            <node><hostname>Quota Daemon</hostname><path>localhost</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>4567</pid></node>
            <tasks/></volume>
          <volume><volName>gv1</volName><nodeCount>2</nodeCount>
            <node><hostname>server1</hostname><path>/data/brick2/gv1</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>49153</port><ports><tcp>49153</tcp><rdma>N/A</rdma></ports><pid>12346</pid></node>
            <node><hostname>Bitrot Daemon</hostname><path>localhost</path><peerid>11111111-1111-1111-1111-111111111111</peerid>
              <status>1</status><port>N/A</port><ports><tcp>N/A</tcp><rdma>N/A</rdma></ports><pid>5678</pid></node>
            <tasks><task><type>Rebalance</type><id>33333333-3333-3333-3333-333333333333</id><status>1</status>
              <statusStr>in progress</statusStr></task></tasks></volume>
        </volumes></volStatus></cliOutput>
        """

    static let poolWithOneDown = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><peerStatus>
          <peer><uuid>22222222-2222-2222-2222-222222222222</uuid><hostname>server2</hostname>
            <hostnames><hostname>server2</hostname><hostname>10.0.0.2</hostname></hostnames>
            <connected>1</connected><state>3</state><stateStr>Peer in Cluster</stateStr></peer>
          <peer><uuid>44444444-4444-4444-4444-444444444444</uuid><hostname>server3</hostname>
            <hostnames><hostname>server3</hostname></hostnames>
            <connected>0</connected><state>3</state><stateStr>Peer in Cluster</stateStr></peer>
          <peer><uuid>11111111-1111-1111-1111-111111111111</uuid><hostname>localhost</hostname><connected>1</connected></peer>
        </peerStatus></cliOutput>
        """
}
