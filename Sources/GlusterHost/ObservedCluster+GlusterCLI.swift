import ClusterHealth
import Foundation

/// What the gluster CLI sees, from `gluster volume status all --xml` and `gluster pool list --xml`
/// (glusterfs's cli-xml-output.c):
///
///     <cliOutput><opRet>0</opRet>…<volStatus><volumes>
///       <volume><volName>gv0</volName><nodeCount>2</nodeCount>
///         <node><hostname>server1</hostname><path>/data/brick1/gv0</path><peerid>…</peerid>
///           <status>1</status><port>49152</port>…</node>
///         <node><hostname>Self-heal Daemon</hostname><path>localhost</path>…</node>
///       </volume>…
///     </volumes></volStatus></cliOutput>
///
///     <cliOutput><opRet>0</opRet>…<peerStatus>
///       <peer><uuid>…</uuid><hostname>server2</hostname><connected>1</connected>…</peer>
///       <peer><uuid>…</uuid><hostname>localhost</hostname><connected>1</connected>…</peer>
///     </peerStatus></cliOutput>
///
/// Only started volumes are listed, and only the bricks of nodes glusterd reaches. After the bricks
/// come the volume's daemons (self-heal, quota, bitrot, scrubber, NFS, snapshot), named in
/// `<hostname>` with the node's host name in `<path>`: they are not bricks.
extension ObservedCluster {
    /// Runs the gluster CLI (off the hot path: glusterd may take seconds); nil when there is no
    /// gluster CLI, glusterd does not answer, or its output does not parse. `peers` is nil when only
    /// the pool could not be read.
    public static func fromGlusterCLI() -> ObservedCluster? {
        guard let status = PeerSync.gluster(["volume", "status", "all", "--xml"]) else { return nil }
        let pool = PeerSync.gluster(["pool", "list", "--xml"])
        return ObservedCluster(volumeStatusXML: status.output, poolListXML: pool?.status == 0 ? pool?.output : nil)
    }

    /// Reads the CLI's XML; nil when the volume status is not a successful `volume status all`
    /// answer. A pool list that is absent or does not parse leaves `peers` nil.
    public init?(volumeStatusXML: String, poolListXML: String?) {
        guard let volumes = Self.startedVolumes(volumeStatusXML) else { return nil }
        let bricks = volumes.flatMap { name, volume in volume.children("node").compactMap { Brick(volume: name, node: $0) } }
        self.init(bricks: bricks, startedVolumes: Set(volumes.map(\.name)), peers: poolListXML.flatMap(Self.otherPeers))
    }

    /// The named `<volume>` elements of a successful answer.
    private static func startedVolumes(_ xml: String) -> [(name: String, volume: CLIOutputElement)]? {
        guard let output = successfulOutput(xml), let volumes = output.child("volStatus")?.child("volumes") else { return nil }
        return volumes.children("volume").compactMap { volume in
            guard let name = volume.text(of: "volName"), !name.isEmpty else { return nil }
            return (name, volume)
        }
    }

    /// The peers of a successful `pool list`, but this node (`localhost`).
    private static func otherPeers(_ xml: String) -> [Peer]? {
        guard let pool = successfulOutput(xml)?.child("peerStatus") else { return nil }
        return pool.children("peer").compactMap { peer in
            guard let host = peer.text(of: "hostname"), !host.isEmpty, host != "localhost" else { return nil }
            return Peer(host: host, connected: peer.text(of: "connected") == "1")
        }
    }

    /// The `<cliOutput>` root when its `<opRet>` is 0.
    private static func successfulOutput(_ xml: String) -> CLIOutputElement? {
        guard let root = CLIOutputElement.parse(xml), root.name == "cliOutput", root.text(of: "opRet") == "0" else { return nil }
        return root
    }
}

extension ObservedCluster.Brick {
    /// A `<node>` of a volume's status that is a brick: its path is absolute, where a daemon's
    /// `<path>` is the host name of the node it runs on.
    fileprivate init?(volume: String, node: CLIOutputElement) {
        guard let host = node.text(of: "hostname"), !host.isEmpty, let path = node.text(of: "path"),
            path.hasPrefix("/")
        else { return nil }
        self.init(volume: volume, host: host, path: path, online: node.text(of: "status") == "1")
    }
}
