import ClusterHealth
import Foundation

/// What the gluster CLI sees, from its `--xml` answers (glusterfs's cli-xml-output.c):
///
/// `volume info all`: every volume, its state, layout and bricks in order —
///
///     <cliOutput><opRet>0</opRet>…<volInfo><volumes>
///       <volume><name>rv</name><status>1</status><brickCount>3</brickCount><replicaCount>3</replicaCount>
///         <arbiterCount>0</arbiterCount><disperseCount>0</disperseCount><redundancyCount>0</redundancyCount>
///         <bricks><brick uuid="…">vm:/bricks/rv/b1<name>vm:/bricks/rv/b1</name><isArbiter>0</isArbiter></brick>…
///
/// `volume status all detail`: the bricks of started volumes that glusterd reaches, up or not,
/// with their port, pid and file system; after the bricks the volume's daemons (self-heal, quota…),
/// named in `<hostname>` with the node's host name in `<path>` —
///
///     <volStatus><volumes><volume><volName>rv</volName>
///       <node><hostname>vm</hostname><path>/bricks/rv/b1</path><status>1</status><port>57915</port>
///         <pid>2983</pid><sizeTotal>…</sizeTotal><sizeFree>…</sizeFree><inodesTotal>…</inodesTotal>…
///
/// `pool list`: the peers, this node as `localhost`.
extension ObservedCluster {
    /// Asks the gluster CLI (off the hot path: glusterd may take seconds; each call has a deadline).
    public static func fromGlusterCLI() -> ClusterObservation {
        let info: String
        switch answer(["volume", "info", "all", "--xml"]) {
        case .success(let output): info = output
        case .failure(let failure): return failure.observation
        }
        let status: String
        switch answer(["volume", "status", "all", "detail", "--xml"]) {
        case .success(let output): status = output
        case .failure(let failure): return failure.observation
        }
        let pool = try? answer(["pool", "list", "--xml"]).get()
        guard let observed = ObservedCluster(volumeInfoXML: info, volumeStatusXML: status, poolListXML: pool) else {
            return .failed("the gluster CLI's answer could not be read")
        }
        return .observed(observed)
    }

    private struct Unanswered: Error {
        var observation: ClusterObservation
    }

    private static func answer(_ arguments: [String]) -> Result<String, Unanswered> {
        let command = "gluster " + arguments.filter { $0 != "--xml" }.joined(separator: " ")
        switch GlusterCLI.run(arguments) {
        case .output(let output): return .success(output)
        case .absent: return .failure(Unanswered(observation: .noCLI))
        case .timedOut: return .failure(Unanswered(observation: .glusterdDown("\(command) did not answer in time")))
        case .failed(let status, let output):
            // `volume status` with no volume started answers opRet -1, exit 0; exit 1 with plain text is glusterd away
            let words = output.split(separator: "\n").first.map(String.init) ?? "exit status \(status)"
            if GlusterCLI.saysGlusterdIsDown(output) { return .failure(Unanswered(observation: .glusterdDown(words))) }
            return .failure(Unanswered(observation: .failed("\(command): \(words)")))
        }
    }

    /// Reads the CLI's XML; nil when `volume info` is not a successful answer. A volume status that
    /// fails (no volume started: opRet -1) leaves every brick's `online` unknown; a pool list that
    /// is absent or does not parse leaves `peers` nil.
    public init?(volumeInfoXML: String, volumeStatusXML: String?, poolListXML: String?) {
        guard let infos = Self.successfulOutput(volumeInfoXML)?.child("volInfo")?.child("volumes") else { return nil }
        let statuses = volumeStatusXML.flatMap(Self.brickStatuses)
        let volumes = infos.children("volume").compactMap { Volume(info: $0, statuses: statuses) }
        self.init(volumes: volumes, peers: poolListXML.flatMap(Self.otherPeers))
    }

    /// The bricks `volume status` lists, by volume and `host:path`.
    private static func brickStatuses(_ xml: String) -> [String: [String: CLIOutputElement]]? {
        guard let volumes = successfulOutput(xml)?.child("volStatus")?.child("volumes") else { return nil }
        var statuses: [String: [String: CLIOutputElement]] = [:]
        for volume in volumes.children("volume") {
            guard let name = volume.text(of: "volName") else { continue }
            for node in volume.children("node") {
                // a daemon's <path> is its node's host name; a brick's is absolute
                guard let host = node.text(of: "hostname"), let path = node.text(of: "path"), path.hasPrefix("/") else { continue }
                statuses[name, default: [:]][host + ":" + path] = node
            }
        }
        return statuses
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
    static func successfulOutput(_ xml: String) -> CLIOutputElement? {
        guard let root = CLIOutputElement.parse(xml), root.name == "cliOutput", root.text(of: "opRet") == "0" else { return nil }
        return root
    }
}

extension ObservedCluster.Volume {
    /// A `<volume>` of `volume info`, its bricks' state from `volume status` (nil: not read). A
    /// brick of a started volume that the status does not list is not running as far as glusterd
    /// can tell (its node is not reached).
    fileprivate init?(info: CLIOutputElement, statuses: [String: [String: CLIOutputElement]]?) {
        guard let name = info.text(of: "name"), !name.isEmpty else { return nil }
        func count(_ element: String) -> Int { info.text(of: element).flatMap { Int($0) }.map { max(0, $0) } ?? 0 }
        let listed = info.child("bricks")?.children("brick") ?? []
        let layout = VolumeLayout(
            brickCount: listed.count, replicaCount: max(1, count("replicaCount")), arbiterCount: count("arbiterCount"),
            disperseCount: count("disperseCount"), redundancyCount: count("redundancyCount"))
        let status: Status =
            switch info.text(of: "status") {
            case "1": .started
            case "2": .stopped
            default: .created  // glusterd's GLUSTERD_STATUS_NONE
            }
        let bricks = listed.compactMap { brick -> ObservedCluster.Brick? in
            guard let full = brick.text(of: "name") ?? Optional(brick.text), let split = full.range(of: ":/") else { return nil }
            let host = String(full[..<split.lowerBound])
            let path = String(full[full.index(after: split.lowerBound)...])
            let node = statuses?[name]?[host + ":" + path]
            let online = status == .started ? statuses.map { _ in node?.text(of: "status") == "1" } : nil
            return ObservedCluster.Brick(
                host: host, path: path, isArbiter: brick.text(of: "isArbiter") == "1", online: online,
                port: node?.text(of: "port").flatMap { Int($0) }, pid: node?.text(of: "pid").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil },
                space: node.flatMap(ObservedCluster.Space.init(detail:)))
        }
        let options = info.child("options")?.children("option") ?? []
        func isOn(_ option: String) -> Bool { options.contains { $0.text(of: "name") == option && $0.text(of: "value") == "on" } }
        self.init(
            name: name, status: status, layout: layout, bricks: bricks, quotaOn: isOn("features.quota"),
            georepIndexing: isOn("geo-replication.indexing"))
    }
}

extension ObservedCluster.Space {
    /// What `volume status detail` says of a brick's file system; nil without the detail.
    fileprivate init?(detail node: CLIOutputElement) {
        func number(_ name: String) -> UInt64? { node.text(of: name).flatMap { UInt64($0) } }
        guard let sizeTotal = number("sizeTotal"), let sizeFree = number("sizeFree") else { return nil }
        self.init(sizeTotal: sizeTotal, sizeFree: sizeFree, inodesTotal: number("inodesTotal") ?? 0, inodesFree: number("inodesFree") ?? 0)
    }
}
