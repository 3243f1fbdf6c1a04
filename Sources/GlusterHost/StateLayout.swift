import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Where eventsdash keeps its files.
///
/// With a workdir (`--workdir` or `EVENTSDASH_WORKDIR`) everything lives in it. Without one,
/// `webhooks.json` and `config.json` are glusterd's (`/var/lib/glusterd/events/`) when that folder
/// exists and is writable, so gluster-eventsapi and eventsdash share them; otherwise they live in
/// eventsdash's own state directory (`/var/lib/eventsdash` for root, else
/// `$XDG_STATE_HOME/eventsdash`), where the event log, the lock and the live status always live.
public struct StateLayout: Sendable, Equatable {
    public var webhooksFile: String
    public var configFile: String
    /// `eventsconfig.json`, when there is one; otherwise the built-in defaults apply.
    public var defaultsFile: String?
    public var stateDirectory: String
    /// Whether the webhooks and config files are glusterd's own.
    public var sharesGlusterdFiles: Bool
    /// A plain word for the user when glusterd's files exist but cannot be written.
    public var notice: String?
    public var glusterdInfoFile: String
    /// The human-readable events log: glustereventsd's own when sharing glusterd's files.
    public var humanEventsLogFile: String

    public var eventLogDirectory: String { stateDirectory + "/log" }
    public var lockFile: String { stateDirectory + "/engine.lock" }
    public var statusFile: String { stateDirectory + "/engine.json" }
    public var nodeIDFile: String { stateDirectory + "/node-id" }
    /// Each webhook's delivery position in the event log.
    public var deliveryPositionsFile: String { stateDirectory + "/delivery-positions.json" }
    /// Events delivery gave up on, a line each (they stay in the log, redeliverable).
    public var givenUpFile: String { stateDirectory + "/given-up.log" }
    /// The cluster's health as the engine last published it.
    public var healthFile: String { stateDirectory + "/health.json" }
    /// Samples of what polling gluster measured (bricks' and volumes' used bytes, heal backlogs),
    /// to forecast from across restarts.
    public var healthSamplesFile: String { stateDirectory + "/health-samples.json" }
    /// Problems resolved, a JSON line each (`health history`), and the file before it.
    public var healthHistoryFile: String { stateDirectory + "/health-history.jsonl" }
    /// Mutes and acknowledgements of health problems.
    public var healthDecisionsFile: String { stateDirectory + "/health-decisions.json" }
    /// Webhooks whose retries someone asked to be sent now (`RetryRequestsFile`).
    public var retryRequestsFile: String { stateDirectory + "/retry-requests.json" }

    /// `webhooks.json`, under gluster's file lock.
    public var webhookStore: WebhookStore { WebhookStore(path: webhooksFile) }
    /// `config.json` over `eventsconfig.json`'s defaults, under gluster's file lock.
    public var configStore: ConfigStore { ConfigStore(overridesPath: configFile, defaultsPath: defaultsFile) }

    /// Where glusterd keeps what eventsdash may share.
    public struct GlusterdPaths: Sendable {
        public var eventsDirectory = "/var/lib/glusterd/events"
        public var infoFile = "/var/lib/glusterd/glusterd.info"
        public var defaultsFile = "/etc/glusterfs/eventsconfig.json"
        public var eventsLogFile = "/var/log/glusterfs/events.log"
        public init() {}
    }

    public static func resolve(
        workdir: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        isRoot: Bool = geteuid() == 0, glusterd: GlusterdPaths = GlusterdPaths()
    ) -> StateLayout {
        let defaults = FileManager.default.fileExists(atPath: glusterd.defaultsFile) ? glusterd.defaultsFile : nil
        if let workdir = workdir ?? environment["EVENTSDASH_WORKDIR"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let dir = absolute(workdir)
            return StateLayout(
                webhooksFile: dir + "/webhooks.json", configFile: dir + "/config.json", defaultsFile: defaults,
                stateDirectory: dir, sharesGlusterdFiles: false, notice: nil, glusterdInfoFile: glusterd.infoFile,
                humanEventsLogFile: dir + "/events.log")
        }
        let state: String
        if let chosen = environment["EVENTSDASH_STATE_DIR"], chosen.hasPrefix("/") {
            state = chosen  // e.g. systemd's StateDirectory; glusterd's files are still shared
        } else if isRoot {
            state = "/var/lib/eventsdash"
        } else if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg + "/eventsdash"
        } else {
            state = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/eventsdash"
        }
        let glusterdEvents = glusterdEventsDirectory(glusterd)
        if canWrite(glusterdEvents, glusterd) {
            return StateLayout(
                webhooksFile: glusterd.eventsDirectory + "/webhooks.json",
                configFile: glusterd.eventsDirectory + "/config.json", defaultsFile: defaults,
                stateDirectory: state, sharesGlusterdFiles: true, notice: nil, glusterdInfoFile: glusterd.infoFile,
                humanEventsLogFile: glusterd.eventsLogFile)
        }
        let notice =
            glusterdEvents == .present
            ? "glusterd's \(glusterd.eventsDirectory) is not writable by this user: eventsdash uses its own files in \(state), which glusterd does not see (run as root to share them)"
            : nil
        return StateLayout(
            webhooksFile: state + "/webhooks.json", configFile: state + "/config.json", defaultsFile: defaults,
            stateDirectory: state, sharesGlusterdFiles: false, notice: notice, glusterdInfoFile: glusterd.infoFile,
            humanEventsLogFile: state + "/events.log")
    }

    private enum GlusterdEventsDirectory { case present, toBeMade, absent }

    /// Whether glusterd's events folder exists, or is to be made: on a gluster node (one whose
    /// glusterd has written its `glusterd.info`) where it is missing, eventsdash makes it (see
    /// `createSharedFolder`), as gluster-eventsapi does: Debian's package does not ship it, and peer
    /// sync (`gluster system:: copy file`) fails on a node without it.
    private static func glusterdEventsDirectory(_ glusterd: GlusterdPaths) -> GlusterdEventsDirectory {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: glusterd.eventsDirectory, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? .present : .absent
        }
        return FileManager.default.fileExists(atPath: glusterd.infoFile) ? .toBeMade : .absent
    }

    private static func canWrite(_ events: GlusterdEventsDirectory, _ glusterd: GlusterdPaths) -> Bool {
        switch events {
        case .present: access(glusterd.eventsDirectory, W_OK) == 0
        case .toBeMade: access(parent(of: glusterd.eventsDirectory), W_OK) == 0
        case .absent: false
        }
    }

    /// Makes glusterd's events folder (0755, as glusterd's own folders) when the files are shared
    /// and it is missing. Resolving a layout never writes; whoever is about to use the shared files
    /// calls this first.
    public func createSharedFolder() throws(FileSystemError) {
        guard sharesGlusterdFiles else { return }
        let folder = Self.parent(of: webhooksFile)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw FileSystemError("create directory", path: folder) }
    }

    private static func parent(of path: String) -> String { (path as NSString).deletingLastPathComponent }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
