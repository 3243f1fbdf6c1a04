import Foundation
import GlusterEvents
import GlusterHost
import Testing
import TestSupport

@Suite struct StateLayoutTests {
    let dir = TemporaryDirectory()

    private func glusterd(events: Bool) -> StateLayout.GlusterdPaths {
        var paths = StateLayout.GlusterdPaths()
        paths.eventsDirectory = dir.path + "/glusterd/events"
        paths.infoFile = dir.path + "/glusterd/glusterd.info"
        paths.defaultsFile = dir.path + "/eventsconfig.json"
        if events { try! FileManager.default.createDirectory(atPath: paths.eventsDirectory, withIntermediateDirectories: true) }
        return paths
    }

    @Test func workdirHoldsEverything() {
        let layout = StateLayout.resolve(workdir: dir.path + "/w", environment: [:], isRoot: true, glusterd: glusterd(events: true))
        #expect(layout.webhooksFile == dir.path + "/w/webhooks.json")
        #expect(layout.configFile == dir.path + "/w/config.json")
        #expect(layout.stateDirectory == dir.path + "/w")
        #expect(!layout.sharesGlusterdFiles)
    }

    @Test func environmentWorkdir() {
        let layout = StateLayout.resolve(workdir: nil, environment: ["EVENTSDASH_WORKDIR": dir.path], isRoot: false, glusterd: glusterd(events: false))
        #expect(layout.stateDirectory == dir.path)
    }

    @Test func sharesGlusterdFilesWhenWritable() {
        let layout = StateLayout.resolve(workdir: nil, environment: [:], isRoot: true, glusterd: glusterd(events: true))
        #expect(layout.sharesGlusterdFiles)
        #expect(layout.webhooksFile == dir.path + "/glusterd/events/webhooks.json")
        #expect(layout.stateDirectory == "/var/lib/eventsdash")
        // EVENTSDASH_STATE_DIR moves eventsdash's own state; glusterd's files stay shared.
        let moved = StateLayout.resolve(
            workdir: nil, environment: ["EVENTSDASH_STATE_DIR": "/srv/ed"], isRoot: true, glusterd: glusterd(events: true))
        #expect(moved.stateDirectory == "/srv/ed" && moved.sharesGlusterdFiles)
        #expect(moved.webhooksFile == layout.webhooksFile)
    }

    /// Debian's glusterfs-server does not ship the events folder; on a node whose glusterd has run
    /// (it wrote glusterd.info) eventsdash shares it and makes it when asked, so that the node can
    /// take part in peer sync. Resolving alone writes nothing.
    @Test func makesGlusterdsEventsFolderOnAGlusterNodeWhenAsked() throws {
        let paths = glusterd(events: false)
        try FileManager.default.createDirectory(atPath: dir.path + "/glusterd", withIntermediateDirectories: true)
        dir.write("UUID=1b2c3d4e-0000-4000-8000-000000000001\n", to: "glusterd/glusterd.info")
        let layout = StateLayout.resolve(workdir: nil, environment: [:], isRoot: true, glusterd: paths)
        #expect(layout.sharesGlusterdFiles)
        var isDirectory: ObjCBool = false
        #expect(!FileManager.default.fileExists(atPath: paths.eventsDirectory))
        try layout.createSharedFolder()
        #expect(FileManager.default.fileExists(atPath: paths.eventsDirectory, isDirectory: &isDirectory) && isDirectory.boolValue)
        let mode = try FileManager.default.attributesOfItem(atPath: paths.eventsDirectory)[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }

    @Test func ownFilesWithoutGlusterd() {
        let layout = StateLayout.resolve(
            workdir: nil, environment: ["XDG_STATE_HOME": dir.path + "/state"], isRoot: false, glusterd: glusterd(events: false))
        #expect(!layout.sharesGlusterdFiles)
        #expect(layout.webhooksFile == dir.path + "/state/eventsdash/webhooks.json")
        #expect(layout.notice == nil)
        let home = StateLayout.resolve(workdir: nil, environment: ["HOME": "/home/u"], isRoot: false, glusterd: glusterd(events: false))
        #expect(home.stateDirectory == "/home/u/.local/state/eventsdash")
    }

    @Test func nodeIDFromGlusterdOrKept() throws {
        let paths = glusterd(events: true)
        let kept = dir.path + "/node-id"
        let made = try NodeIdentity.resolve(glusterdInfo: paths.infoFile, keptFile: kept)
        #expect(UUID(uuidString: made) != nil)
        #expect(try NodeIdentity.resolve(glusterdInfo: paths.infoFile, keptFile: kept) == made)
        dir.write("UUID=1b2c3d4e-0000-4000-8000-000000000001\noperating-version=100000\n", to: "glusterd/glusterd.info")
        #expect(try NodeIdentity.resolve(glusterdInfo: paths.infoFile, keptFile: kept) == "1b2c3d4e-0000-4000-8000-000000000001")
    }
}
