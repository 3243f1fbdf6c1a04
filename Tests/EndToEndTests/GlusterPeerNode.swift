import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A second gluster node on this machine, for the peer-sync test: a glusterd of its own in its own
/// network, mount and UTS namespaces, where a temporary folder stands in for /var/lib/glusterd (and
/// others for /run and the logs). It reaches this node over a veth pair and is peer-probed into this
/// node's pool; the end of the test detaches it and tears everything down.
final class GlusterPeerNode {
    static let address = "10.213.0.2"
    /// This node's address as the peer sees it.
    static let hostAddress = "10.213.0.1"
    private static let hostLink = "edpeer0"

    private let root = TemporaryDirectory()
    /// A process that holds the namespaces (commands enter them through it).
    private var holder: Int32 = 0

    /// The peer's /var/lib/glusterd, as seen from this node.
    var workingDirectory: String { root.path + "/glusterd" }

    /// Runs the rest of a command line inside the peer.
    var enter: [String] { ["/usr/bin/nsenter", "-t", "\(holder)", "--net", "--mount", "--uts", "--"] }

    /// The peer's node id, as its glusterd keeps it.
    var nodeID: String? { RealGluster.nodeID(workingDirectory: workingDirectory) }

    init(probedBy gluster: RealGluster) throws {
        Self.forgetLeftovers(gluster)
        for folder in ["glusterd", "run", "log"] {
            try FileManager.default.createDirectory(atPath: root.path + "/" + folder, withIntermediateDirectories: true)
        }
        let holderFile = root.path + "/holder.pid"
        try Self.require("unshare --net --mount --uts sleep infinity </dev/null >/dev/null 2>&1 & echo $! > \(holderFile)")
        holder = Int32(String(decoding: FileManager.default.contents(atPath: holderFile) ?? Data(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        guard holder > 0, waitFor(timeout: 5, { self.inNamespaces }) else {
            throw RealGluster.Failure(description: "could not make namespaces for a second node (unshare --net --mount --uts)")
        }
        try Self.require(
            inside(
                "mount --bind \(root.path)/glusterd /var/lib/glusterd && mount --bind \(root.path)/log /var/log/glusterfs"
                    + " && mount --bind \(root.path)/run /run && hostname edpeer && ip link set lo up"))
        try Self.require(
            "ip link add \(Self.hostLink) type veth peer name edpeer1 && ip link set edpeer1 netns \(holder)"
                + " && ip addr add \(Self.hostAddress)/24 dev \(Self.hostLink) && ip link set \(Self.hostLink) up")
        try Self.require(inside("ip addr add \(Self.address)/24 dev edpeer1 && ip link set edpeer1 up"))
        try startGlusterd()
        let probe = try gluster.gluster(["peer", "probe", Self.address])
        guard probe.status == 0, waitFor(timeout: 20, { self.connected(in: gluster) == true }) else {
            throw RealGluster.Failure(description: "peer probe \(Self.address): \(probe.stdout) \(probe.stderr)")
        }
    }

    deinit {
        _ = try? shell("/usr/sbin/gluster --mode=script peer detach \(Self.address) force >/dev/null 2>&1")
        stopGlusterd()
        // Whatever else still runs there, then the holder: the namespaces, mounts and veth pair go with it.
        for pid in processesInside() { kill(pid, SIGKILL) }
        _ = try? shell("ip link del \(Self.hostLink) 2>/dev/null")
    }

    /// The peer's glusterd (it daemonizes; it gets no pipes).
    func startGlusterd() throws {
        try Self.require(inside("/usr/sbin/glusterd -p /run/glusterd.pid </dev/null >/dev/null 2>&1"))
        guard waitFor(timeout: 20, { (try? self.run(["/usr/sbin/gluster", "--mode=script", "pool", "list"]).status) == 0 }) else {
            throw RealGluster.Failure(description: "the peer's glusterd did not answer within 20 s")
        }
    }

    func stopGlusterd() {
        guard let pid = glusterdPID else { return }
        kill(pid, SIGTERM)
        _ = waitFor(timeout: 10) { !RealGluster.isAlive(pid) }
    }

    /// Whether `gluster pool list` on this node shows the peer connected (nil: not in the pool).
    func connected(in gluster: RealGluster) -> Bool? {
        guard let line = (try? gluster.gluster(["pool", "list"]))?.stdout.split(separator: "\n")
            .first(where: { $0.contains(Self.address) })
        else { return nil }
        return line.hasSuffix("Connected") || line.contains("\tConnected")
    }

    /// Runs a program inside the peer to completion.
    @discardableResult
    func run(_ command: [String], environment: [String: String] = [:]) throws -> Eventsdash.Result {
        try Command.run(enter[0], Array(enter.dropFirst()) + command, environment: environment)
    }

    /// A file of the peer's /var/lib/glusterd.
    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: workingDirectory + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    private var glusterdPID: Int32? {
        FileManager.default.contents(atPath: root.path + "/run/glusterd.pid")
            .flatMap { Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private var inNamespaces: Bool {
        let its = Self.networkNamespace(of: "\(holder)")
        return its != nil && its != Self.networkNamespace(of: "self")
    }

    /// Every process in the peer's network namespace, the holder included.
    private func processesInside() -> [Int32] {
        guard holder > 0, let namespace = Self.networkNamespace(of: "\(holder)") else { return [] }
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return pids.filter { Self.networkNamespace(of: "\($0)") == namespace }
    }

    private static func networkNamespace(of process: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(process)/ns/net")
    }

    private func inside(_ line: String) -> String {
        enter.map(shellQuoted).joined(separator: " ") + " /bin/sh -c " + shellQuoted(line)
    }

    /// A peer left behind by an interrupted run: out of the pool, its link gone.
    private static func forgetLeftovers(_ gluster: RealGluster) {
        if (try? gluster.gluster(["pool", "list"]))?.stdout.contains(address) == true {
            _ = try? gluster.gluster(["peer", "detach", address, "force"])
        }
        _ = try? shell("ip link del \(hostLink) 2>/dev/null")
    }

    private static func require(_ line: String) throws {
        let status = try shell(line)
        guard status == 0 else { throw RealGluster.Failure(description: "exit \(status): \(line)") }
    }
}
