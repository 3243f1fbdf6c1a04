import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The machine's one glusterd, for the interop tests: started when it is not running (and stopped
/// again at the end), with glusterd's events files put back as they were. Needs root and Debian's
/// glusterfs-server (`scripts/test` installs it); UDP port 55555 must be free (no glustereventsd).
final class RealGluster {
    static let glusterd = "/usr/sbin/glusterd"
    static let gluster = "/usr/sbin/gluster"
    static let eventsapi = "/usr/sbin/gluster-eventsapi"
    static let glustereventsd = "/usr/sbin/glustereventsd"
    static let eventsDirectory = "/var/lib/glusterd/events"
    /// The port gluster's daemons send events to, whatever the config says.
    static let eventsPort = 55555

    /// `extra` with eventsdash told to use the real gluster CLI (the tests give every other
    /// program none: see `Eventsdash.binary`).
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["EVENTSDASH_GLUSTER_CLI": gluster]) { first, _ in first }
    }

    static let available: Bool =
        getuid() == 0 && [glusterd, gluster, eventsapi, glustereventsd].allSatisfy(FileManager.default.isExecutableFile)
        && running("glustereventsd") == nil

    /// Files of glusterd's that the tests change, with what they held (nil: absent).
    private var saved: [String: Data?] = [:]
    private var startedGlusterd = false

    init() throws {
        try FileManager.default.createDirectory(atPath: Self.eventsDirectory, withIntermediateDirectories: true)
        for name in ["webhooks.json", "config.json"] {
            let path = Self.eventsDirectory + "/" + name
            saved[path] = FileManager.default.contents(atPath: path)
        }
        if Self.running("glusterd") == nil {
            // It daemonizes; its daemon would keep any output pipe open, so it gets none.
            try shell(Self.glusterd + " </dev/null >/dev/null 2>&1")
            startedGlusterd = true
        }
        guard waitFor(timeout: 20, { (try? self.gluster(["pool", "list"]).status) == 0 }) else {
            throw Failure(description: "glusterd did not answer within 20 s")
        }
    }

    deinit {
        if startedGlusterd, let pid = Self.running("glusterd") {
            kill(pid, SIGTERM)
            _ = waitFor(timeout: 10) { Self.running("glusterd") == nil }
        }
        for (path, contents) in saved {
            if let contents = contents {
                _ = FileManager.default.createFile(atPath: path, contents: contents)
            } else {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// `gluster --mode=script ARGS`.
    @discardableResult
    func gluster(_ arguments: [String]) throws -> Eventsdash.Result {
        try Command.run(Self.gluster, ["--mode=script"] + arguments)
    }

    /// `gluster-eventsapi ARGS`.
    @discardableResult
    func eventsapi(_ arguments: [String]) throws -> Eventsdash.Result {
        try Command.run(Self.eventsapi, arguments)
    }

    /// Creates and starts a replica-3 volume `name` on this node, bricks `b1`…`b3` under
    /// `directory`; their paths.
    func startReplicaVolume(_ name: String, under directory: String) throws -> [String] {
        let host = ProcessInfo.processInfo.hostName
        let bricks = (1...3).map { "\(directory)/\(name)-b\($0)" }
        for step in [["volume", "create", name, "replica", "3"] + bricks.map { "\(host):\($0)" } + ["force"], ["volume", "start", name]] {
            let result = try gluster(step)
            guard result.status == 0 else { throw Failure(description: "gluster \(step.joined(separator: " ")): \(result.stdout) \(result.stderr)") }
        }
        return bricks
    }

    /// Stops and deletes the volume `name`, if there is one (a test's clean-up).
    func removeVolume(_ name: String) {
        _ = try? gluster(["volume", "stop", name, "force"])
        _ = try? gluster(["volume", "delete", name])
    }

    /// The pid of the process serving the brick `path` of `volume`, as `gluster volume status
    /// VOLUME --xml` gives it (`<node>…<path>PATH</path>…<pid>PID</pid>…</node>`; -1 when it is down).
    func brickPID(volume: String, path: String) throws -> Int32? {
        let status = try gluster(["volume", "status", volume, "--xml"]).stdout
        let node = status.components(separatedBy: "<node>").first { $0.contains("<path>\(path)</path>") }
        return node?.components(separatedBy: "<pid>").dropFirst().first?.components(separatedBy: "</pid>").first.flatMap { Int32($0) }
    }

    /// This node's id, as glusterd keeps it.
    var nodeID: String? { Self.nodeID(workingDirectory: "/var/lib/glusterd") }

    /// The node id in a glusterd working directory's `glusterd.info`.
    static func nodeID(workingDirectory: String) -> String? {
        guard let info = FileManager.default.contents(atPath: workingDirectory + "/glusterd.info") else { return nil }
        return String(decoding: info, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("UUID=") }.map { String($0.dropFirst(5)) }
    }

    /// Starts glustereventsd in the background (it takes UDP 55555 and reads glusterd's
    /// webhooks.json) with no signal blocked, as a service manager would start it.
    static func startGlustereventsd(pidFile: String) throws {
        try shell("\(glustereventsd) -p \(shellQuoted(pidFile)) </dev/null >/dev/null 2>&1 &")
        guard waitFor(timeout: 10, { running("glustereventsd") != nil }) else {
            throw Failure(description: "glustereventsd did not start")
        }
    }

    /// Stops every glustereventsd process (it forks webhook workers).
    static func stopGlustereventsd() {
        _ = try? Command.run("/usr/bin/pkill", ["-KILL", "-x", "glustereventsd"])
        _ = waitFor(timeout: 5) { running("glustereventsd") == nil }
    }

    /// The pid of a live process named `name`, if any. Zombies do not count: where nothing reaps
    /// them (some container inits), a stopped daemon lingers as one.
    static func running(_ name: String) -> Int32? {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return pids.first { stat($0).map { $0.name == name } == true && isAlive($0) }
    }

    /// Whether a process still runs (a zombie does not).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let state = stat(pid)?.state else { return false }
        return state != "Z" && state != "X"
    }

    /// A process's name and state letter, from /proc/PID/stat: "PID (COMM) STATE …", where COMM may
    /// itself hold spaces or parentheses.
    private static func stat(_ pid: Int32) -> (name: Substring, state: Character?)? {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat").map({ String(decoding: $0, as: UTF8.self) }),
            let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
        else { return nil }
        return (stat[stat.index(after: open)..<close], stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first)
    }
}
