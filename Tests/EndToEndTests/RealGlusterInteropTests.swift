import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// eventsdash with the real GlusterFS tools (Debian's glusterfs-server): glusterd and the gluster
/// CLI as event senders, gluster-eventsapi editing the same files, glustereventsd posting to
/// eventsdash's HTTP ingest. They own UDP port 55555 and the one glusterd, so they run one at a
/// time; without root (or with glustereventsd running) they are skipped.
@Suite(
    .serialized,
    .enabled(
        if: RealGluster.available,
        "needs root, glusterfs-server (scripts/test installs it) and UDP port 55555 free of glustereventsd"))
struct RealGlusterInteropTests {

    /// (a) A volume's life through the real gluster CLI, eventsdash receiving on 55555.
    @Test func aVolumeLifecycleByTheGlusterCLIIsLoggedDecoded() throws {
        let gluster = try RealGluster()
        let workdir = TemporaryDirectory()
        let serve = try ServeProcess(workdir: workdir.path, port: RealGluster.eventsPort, listen: ["0.0.0.0", "::1"])
        defer { serve.stop() }
        let brick = workdir.path + "/brick"
        let volume = "edvol\(getpid())"
        let host = ProcessInfo.processInfo.hostName
        for step in [
            ["volume", "create", volume, "\(host):\(brick)", "force"], ["volume", "set", volume, "performance.cache-size", "64MB"],
            ["volume", "start", volume], ["volume", "stop", volume], ["volume", "delete", volume],
        ] {
            let result = try gluster.gluster(step)
            try #require(result.status == 0, "gluster \(step.joined(separator: " ")): \(result.stdout) \(result.stderr)")
        }
        var events: [[String: Any]] = []
        #expect(waitFor(timeout: 10) {
            events = (try? loggedEvents(workdir: workdir.path)) ?? []
            return events.contains { $0["event"] as? String == "VOLUME_DELETE" }
        })
        let mine = events.filter { ($0["message"] as? [String: Any])?["name"] as? String == volume }
        #expect(
            mine.compactMap { $0["event"] as? String }
                == ["VOLUME_CREATE", "VOLUME_SET", "VOLUME_START", "VOLUME_STOP", "VOLUME_DELETE"])
        let set = try #require(mine.first { $0["event"] as? String == "VOLUME_SET" })
        #expect((set["message"] as? [String: Any])?["options"] as? [[String]] == [["performance.cache-size", "64MB"]])
        let start = try #require(mine.first { $0["event"] as? String == "VOLUME_START" })
        #expect((start["message"] as? [String: Any])?["force"] as? Bool == false)
        #expect(mine.allSatisfy { $0["nodeid"] as? String == gluster.nodeID })
    }

    /// (b) One set of files for both tools: webhooks and config changed by either are seen by the
    /// other, and a webhook added with gluster-eventsapi gets events from eventsdash.
    @Test func webhooksAndConfigAreSharedWithGlusterEventsapi() throws {
        let gluster = try RealGluster()
        let state = TemporaryDirectory()  // eventsdash's own state; glusterd's files are shared
        let environment = RealGluster.environment(["EVENTSDASH_STATE_DIR": state.path])
        let ours = "http://127.0.0.1:9/added-by-eventsdash"
        let added = try Eventsdash.run(["webhook-add", ours, "--events", "VOLUME_*"], environment: environment)
        #expect(added.status == 0, "\(added.stderr)")
        defer { _ = try? Eventsdash.run(["webhook-del", ours], environment: environment) }
        #expect(try gluster.eventsapi(["status"]).stdout.contains(ours))

        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        #expect(try gluster.eventsapi(["webhook-add", server.url, "-t", "from-eventsapi"]).status == 0)
        defer { _ = try? gluster.eventsapi(["webhook-del", server.url]) }
        let serve = try ServeProcess(workdir: nil, port: freePort(), listen: ["127.0.0.1"], environment: environment)
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(serve.port)", "PEER_ATTACH", "host=peer-2"])
        let request = try #require(server.waitForRequests(1).first)
        #expect(request.header("Authorization") == "Bearer from-eventsapi")
        #expect(request.body.contains(#""event": "PEER_ATTACH""#))

        #expect(try Eventsdash.run(["config-set", "log-level", "DEBUG"], environment: environment).status == 0)
        #expect(try gluster.eventsapi(["config-get", "--name", "log-level"]).stdout.contains("DEBUG"))
        #expect(try gluster.eventsapi(["config-set", "log-level", "WARNING"]).status == 0)
        #expect(try Eventsdash.run(["config-get", "--name", "log-level"], environment: environment).stdout.contains("WARNING"))
        #expect(try gluster.eventsapi(["config-reset", "log-level"]).status == 0)
    }

    /// (c) Beside glustereventsd: it posts to eventsdash's HTTP ingest, and gluster-eventsapi's
    /// webhook-test passes on both paths.
    @Test func glustereventsdPostsToHTTPIngest() throws {
        let gluster = try RealGluster()
        let workdir = TemporaryDirectory()
        let httpPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], extraArguments: ["--listen-http", "\(httpPort)"])
        defer { serve.stop() }
        let url = "http://127.0.0.1:\(httpPort)/listen"
        #expect(try gluster.eventsapi(["webhook-add", url]).status == 0)
        defer { _ = try? gluster.eventsapi(["webhook-del", url]) }
        for path in ["/listen", "/"] {
            let test = try gluster.eventsapi(["webhook-test", "http://127.0.0.1:\(httpPort)\(path)"])
            #expect(test.status == 0 && test.stdout.contains("OK"), "webhook-test \(path): \(test.stdout)")
        }

        try RealGluster.startGlustereventsd(pidFile: workdir.path + "/glustereventsd.pid")
        defer { RealGluster.stopGlustereventsd() }
        #expect(waitFor(timeout: 15) {
            _ = try? Eventsdash.run(["send", "--port", "\(RealGluster.eventsPort)", "VOLUME_CREATE", "name=beside"])
            return ((try? loggedEvents(workdir: workdir.path)) ?? []).contains { $0["event"] as? String == "VOLUME_CREATE" }
        })
        let event = try #require(try loggedEvents(workdir: workdir.path).first { $0["event"] as? String == "VOLUME_CREATE" })
        #expect((event["message"] as? [String: Any])?["name"] as? String == "beside")
        #expect(event["nodeid"] as? String == gluster.nodeID)
        #expect(waitFor(timeout: 3) { (serve.engineStatus()?["http"] as? [String: Any])?["pings"] as? Int == 2 })
    }

    /// (d) Peer sync: a webhook added with eventsdash reaches a running glustereventsd without a
    /// restart. eventsdash copies the files through glusterd (`gluster system:: copy file`) and
    /// signals glustereventsd, which gluster 10's own reload cannot find (its pid file is gone).
    @Test func aWebhookAddedWithEventsdashReachesARunningGlustereventsd() throws {
        let gluster = try RealGluster()
        let state = TemporaryDirectory()
        let environment = RealGluster.environment(["EVENTSDASH_STATE_DIR": state.path])
        _ = FileManager.default.createFile(atPath: RealGluster.eventsDirectory + "/webhooks.json", contents: Data("{}".utf8))
        try RealGluster.startGlustereventsd(pidFile: state.path + "/glustereventsd.pid")
        defer { RealGluster.stopGlustereventsd() }
        Thread.sleep(forTimeInterval: 2)  // it has loaded the (empty) webhooks

        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        let added = try Eventsdash.run(["webhook-add", server.url], environment: environment)
        defer { _ = try? Eventsdash.run(["webhook-del", server.url], environment: environment) }
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("| localhost |          UP |          OK |"))
        #expect(added.stderr.contains("glustereventsd (pid"))
        #expect(waitFor(timeout: 10) {
            _ = try? Eventsdash.run(["send", "--port", "\(RealGluster.eventsPort)", "VOLUME_CREATE", "name=synced"])
            return !server.waitForRequests(1, timeout: 0.5).isEmpty
        })
        #expect(server.requests.first?.body.contains(#""name": "synced""#) == true)
        withExtendedLifetime(gluster) {}  // glusterd stays up to the end
    }

    /// (e) A two-node pool: a second glusterd in namespaces of its own (`GlusterPeerNode`). Changes
    /// made with eventsdash here reach the other node's files through glusterd and the eventsdash
    /// engine running there; a node that was down gets them with `eventsdash sync`; a node without
    /// an events folder is named with what to do.
    @Test func changesReachTheOtherNodeOfATwoNodePool() throws {
        let gluster = try RealGluster()
        let peer = try GlusterPeerNode(probedBy: gluster)
        let state = TemporaryDirectory()
        let environment = RealGluster.environment(["EVENTSDASH_STATE_DIR": state.path])
        let server = try RecordingWebhookServer(host: GlusterPeerNode.hostAddress)
        defer { server.shutdown() }
        defer { _ = try? Eventsdash.run(["webhook-del", server.url], environment: environment) }

        // The fresh peer has no events folder (Debian's package does not make one): glusterd cannot copy there.
        let refused = try Eventsdash.run(["webhook-add", server.url], environment: environment)
        #expect(refused.status == 8, "\(refused.stdout) \(refused.stderr)")
        #expect(refused.stderr.contains("Failed to sync Webhooks file: [Error: 1]Commit failed on \(GlusterPeerNode.address)"))
        #expect(refused.stderr.contains("note: \(GlusterPeerNode.address) has no /var/lib/glusterd/events folder"))

        // An eventsdash engine there makes the folder; `sync` copies what it missed.
        let peerState = TemporaryDirectory()
        let peerEngine = try ServeProcess(
            workdir: nil, port: freePort(), listen: ["127.0.0.1"], environment: RealGluster.environment(["EVENTSDASH_STATE_DIR": peerState.path]),
            launcher: peer.enter)
        defer { peerEngine.stop() }
        let synced = try Eventsdash.run(["sync"], environment: environment)
        #expect(synced.status == 0, "\(synced.stdout) \(synced.stderr)")
        #expect(synced.stdout.contains("| \(GlusterPeerNode.address) |          UP |          OK |"))
        #expect(synced.stdout.contains("| localhost  |          UP |          OK |"))
        #expect(peer.read("events/webhooks.json")?.contains(server.url) == true)

        // The engine there delivers to the webhook without a restart, with its own node id.
        #expect(waitFor(timeout: 10) {
            _ = try? peer.run([Eventsdash.binary, "send", "--port", "\(peerEngine.port)", "VOLUME_CREATE", "name=on-the-peer"])
            return !server.waitForRequests(1, timeout: 0.5).isEmpty
        })
        let delivered = try #require(server.requests.first)
        #expect(delivered.body.contains(#""name": "on-the-peer""#))
        #expect(delivered.body.contains(#""nodeid": "\#(peer.nodeID ?? "?")""#), "\(delivered.body)")

        // One eventsdash watching the pool: the peer's engine forwards to this node's HTTP ingest,
        // and the events are counted under the peer, named as glusterd's peer list names it.
        let centre = TemporaryDirectory()
        let ingestPort = freeTCPPortForLater()
        let central = try ServeProcess(
            workdir: centre.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--listen-http", "\(GlusterPeerNode.hostAddress):\(ingestPort)"], environment: RealGluster.environment())
        defer { central.stop() }
        let ingestURL = "http://\(GlusterPeerNode.hostAddress):\(ingestPort)/listen"
        #expect(try Eventsdash.run(["webhook-add", ingestURL], environment: environment).status == 0)
        var peerSeen: [String: Any]?
        #expect(waitFor(timeout: 20) {
            _ = try? peer.run([Eventsdash.binary, "send", "--port", "\(peerEngine.port)", "VOLUME_START", "name=to-the-centre"])
            peerSeen = (central.engineStatus()?["nodes"] as? [String: Any])?[peer.nodeID ?? "?"] as? [String: Any]
            return peerSeen?["name"] as? String == GlusterPeerNode.address
        }, "\(String(describing: central.engineStatus()?["nodes"]))")
        #expect(peerSeen?["events"] as? Int ?? 0 >= 1)
        #expect(try Eventsdash.run(["webhook-del", ingestURL], environment: environment).status == 0)

        // Config too.
        #expect(try Eventsdash.run(["config-set", "log-level", "DEBUG"], environment: environment).status == 0)
        #expect(peer.read("events/config.json")?.contains(#""log-level": "DEBUG""#) == true)
        #expect(try peer.run([Eventsdash.binary, "config-get", "--name", "log-level"], environment: RealGluster.environment(["EVENTSDASH_STATE_DIR": peerState.path]))
            .stdout.contains("DEBUG"))

        // A node that is down misses changes; the CLI says so (partial success, as gluster-eventsapi
        // reports it) and so does the dashboard …
        peer.stopGlusterd()
        #expect(waitFor(timeout: 20) { peer.connected(in: gluster) == false })
        let partial = try Eventsdash.run(["config-set", "log-level", "WARNING"], environment: environment)
        #expect(partial.status == 4, "\(partial.stdout) \(partial.stderr)")
        #expect(partial.stdout.contains("| \(GlusterPeerNode.address) |        DOWN | NOT OK: node is down |"))
        #expect(partial.stderr.contains("\(GlusterPeerNode.address) missed this change: run `eventsdash sync` once it is up"))
        let tmux = try Tmux(
            command:
                "EVENTSDASH_STATE_DIR=\(shellQuoted(state.path)) EVENTSDASH_GLUSTER_CLI=\(RealGluster.gluster) \(Eventsdash.binary) --port \(freePort()) --listen 127.0.0.1",
            columns: 120, rows: 40)
        try tmux.waitForScreen { $0.contains("eventsdash  UDP") }
        try tmux.send("Tab")
        try tmux.waitForScreen { $0.contains("▶ WEBHOOKS") }
        try tmux.send("d")
        try tmux.waitForScreen { $0.contains("Delete webhook \(server.url)?") }
        try tmux.send("y")
        let message = "copied to 1 of 2 nodes: \(GlusterPeerNode.address) down — `eventsdash sync` once up"
        let announced = try tmux.waitForScreen { $0.contains(message) }
        #expect(announced.contains(message), "\(announced)")
        try tmux.send("q")
        #expect(peer.read("events/webhooks.json")?.contains(server.url) == true)
        #expect(peer.read("events/config.json")?.contains("WARNING") == false)

        // … and `sync` brings it up to date once it is back.
        try peer.startGlusterd()
        #expect(waitFor(timeout: 20) { peer.connected(in: gluster) == true })
        let resynced = try Eventsdash.run(["sync"], environment: environment)
        #expect(resynced.status == 0, "\(resynced.stdout) \(resynced.stderr)")
        #expect(peer.read("events/webhooks.json")?.contains(server.url) == false)
        #expect(peer.read("events/config.json")?.contains(#""log-level": "WARNING""#) == true)
        #expect(try Eventsdash.run(["config-reset", "log-level"], environment: environment).status == 0)
        withExtendedLifetime((gluster, peer)) {}
    }

    /// `eventsdash health` on `workdir`, asking the real gluster CLI (its exit code is the Nagios status).
    private func health(_ workdir: TemporaryDirectory, _ arguments: String...) -> Eventsdash.Result {
        (try? Eventsdash.run(["health", "--workdir", workdir.path] + arguments, environment: RealGluster.environment()))
            ?? Eventsdash.Result(status: -1, stdout: "", stderr: "")
    }

    /// Waits up to `seconds` for `health` to print what `shows`; the last result.
    private func health(_ workdir: TemporaryDirectory, within seconds: Double, shows: (Eventsdash.Result) -> Bool) -> Eventsdash.Result {
        var result = health(workdir)
        _ = waitFor(timeout: seconds) {
            result = health(workdir)
            return shows(result)
        }
        return result
    }

    /// (f) Health from the real glusterd's events: a brick process killed (`kill -9`) is listed by
    /// `eventsdash health` within 2 s, with a non-zero exit; `volume start force` makes it OK again;
    /// stopped and deleted, the volume leaves no problem.
    @Test func aKilledBrickIsAHealthProblemUntilStartedAgain() throws {
        let gluster = try RealGluster()
        let workdir = TemporaryDirectory()
        let serve = try ServeProcess(
            workdir: workdir.path, port: RealGluster.eventsPort, listen: ["0.0.0.0", "::1"], environment: RealGluster.environment())
        defer { serve.stop() }
        let volume = "edhealth\(getpid())"
        let bricks = try gluster.startReplicaVolume(volume, under: workdir.path)
        defer { withExtendedLifetime(workdir) { gluster.removeVolume(volume) } }
        let started = health(workdir, within: 10) { $0.status == 0 && $0.stdout.contains("\n\(volume) ") }
        #expect(started.status == 0 && started.stdout.contains("\n\(volume) "), "\(started.stdout)")

        let brick = "brick-down/\(ProcessInfo.processInfo.hostName):\(bricks[0])"
        let pid = try #require(try gluster.brickPID(volume: volume, path: bricks[0]))
        kill(pid, SIGKILL)
        let killedAt = Date()
        let down = health(workdir, within: 2) { $0.status != 0 && $0.stdout.contains(brick) }
        let took = Date().timeIntervalSince(killedAt)
        #expect(down.status == 1 && down.stdout.contains(brick), "\(down.stdout)")
        #expect(down.stdout.hasPrefix("HEALTH WARNING - 1 problem: brick down: "), "\(down.stdout)")
        #expect(down.stdout.contains("From the engine running on this workdir (pid \(serve.pid))."))
        #expect(took <= 2.5, "listed \(took) s after the kill")

        // glusterd leaves a brick down when `start force` comes within a moment of its death: again, as an admin would.
        #expect(waitFor(timeout: 20) {
            _ = try? gluster.gluster(["volume", "start", volume, "force"])
            return waitFor(timeout: 3) { ((try? gluster.brickPID(volume: volume, path: bricks[0])) ?? nil).map { $0 > 0 } == true }
        })
        let restarted = health(workdir, within: 5) { $0.status == 0 }
        #expect(restarted.status == 0, "\(restarted.stdout)")

        #expect(try gluster.gluster(["volume", "stop", volume]).status == 0)
        #expect(try gluster.gluster(["volume", "delete", volume]).status == 0)
        let deleted = health(workdir, within: 5) { !$0.stdout.contains(volume) }
        #expect(deleted.status == 0 && !deleted.stdout.contains(volume), "\(deleted.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(health(workdir, "--json").stdout.utf8)) as? [String: Any])
        #expect((json["problems"] as? [Any])?.isEmpty == true, "\(json)")
    }

    /// (g) A brick killed while no eventsdash runs sends its event to nobody: `health` still lists
    /// it — rebuilt from the log and checked with the gluster CLI — and so does `serve` once it
    /// starts (reconciliation at start).
    @Test func aBrickKilledWhileEventsdashIsStoppedIsFoundByReconciliation() throws {
        let gluster = try RealGluster()
        let workdir = TemporaryDirectory()
        let volume = "edhealth\(getpid())"
        let first = try ServeProcess(
            workdir: workdir.path, port: RealGluster.eventsPort, listen: ["0.0.0.0", "::1"], environment: RealGluster.environment())
        let bricks = try gluster.startReplicaVolume(volume, under: workdir.path)
        defer { withExtendedLifetime(workdir) { gluster.removeVolume(volume) } }
        let started = health(workdir, within: 10) { $0.status == 0 && $0.stdout.contains("\n\(volume) ") }
        #expect(started.status == 0, "\(started.stdout)")
        first.stop()

        let brick = "brick-down/\(ProcessInfo.processInfo.hostName):\(bricks[1])"
        let pid = try #require(try gluster.brickPID(volume: volume, path: bricks[1]))
        kill(pid, SIGKILL)
        let fromLog = health(workdir, within: 10) { $0.status == 1 && $0.stdout.contains(brick) }
        #expect(fromLog.status == 1 && fromLog.stdout.contains(brick), "\(fromLog.stdout)")
        #expect(fromLog.stdout.contains("found by the gluster CLI") && fromLog.stdout.contains("checked with the gluster CLI"))

        let serve = try ServeProcess(
            workdir: workdir.path, port: RealGluster.eventsPort, listen: ["0.0.0.0", "::1"], environment: RealGluster.environment())
        defer { serve.stop() }
        let fromEngine = health(workdir, within: 10) { $0.stdout.contains("From the engine") && $0.stdout.contains(brick) }
        #expect(fromEngine.status == 1, "\(fromEngine.stdout)")
        let row = fromEngine.stdout.split(separator: "\n").first { $0.hasSuffix(brick) }
        #expect(row?.contains("found by the gluster CLI") == true, "\(fromEngine.stdout)")
    }

    /// (h) What no event tells, found by polling gluster: a brick of a distribute volume killed
    /// while glusterd's events go elsewhere is critical (its files out of reach: PARTIAL), named;
    /// glusterd stopped is critical of its own; with no engine and no glusterd, nothing can tell
    /// (UNKNOWN).
    @Test func pollingFindsADistributeBrickDownAndGlusterdStopped() throws {
        let gluster = try RealGluster()
        let workdir = TemporaryDirectory()
        let volume = "eddist\(getpid())"
        let host = ProcessInfo.processInfo.hostName
        let bricks = (1...2).map { "\(workdir.path)/\(volume)-b\($0)" }
        for step in [["volume", "create", volume] + bricks.map { "\(host):\($0)" } + ["force"], ["volume", "start", volume]] {
            let result = try gluster.gluster(step)
            try #require(result.status == 0, "gluster \(step.joined(separator: " ")): \(result.stdout) \(result.stderr)")
        }
        defer { withExtendedLifetime(workdir) { gluster.removeVolume(volume) } }
        // Not on 55555: glusterd's events do not reach it, only what it answers when asked.
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], extraArguments: ["--cluster-poll-interval", "1"],
            environment: RealGluster.environment())
        defer { serve.stop() }
        let up = health(workdir, within: 10) { $0.status == 0 && $0.stdout.contains("\n\(volume) ") }
        #expect(up.status == 0 && up.stdout.contains("distribute  UP "), "\(up.stdout)")

        let pid = try #require(try gluster.brickPID(volume: volume, path: bricks[1]))
        kill(pid, SIGKILL)
        let brick = "brick down: \(host):\(bricks[1]) (\(volume))"
        let partial = health(workdir, within: 10) { $0.status == 2 && $0.stdout.contains(brick) }
        #expect(partial.status == 2 && partial.stdout.hasPrefix("HEALTH CRITICAL - 1 problem: \(brick) |"), "\(partial.stdout)")
        #expect(partial.stdout.contains("distribute  PARTIAL  1 of 2 ") && partial.stdout.contains("found by the gluster CLI"), "\(partial.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(health(workdir, "--json").stdout.utf8)) as? [String: Any])
        let listed = try #require((report["volumes"] as? [[String: Any]])?.first { $0["name"] as? String == volume })
        #expect(listed["type"] as? String == "distribute" && listed["state"] as? String == "PARTIAL")
        #expect((listed["bricks"] as? [[String: Any]])?.map { $0["online"] as? Bool } == [true, false], "\(listed)")
        #expect((listed["bricks"] as? [[String: Any]])?.allSatisfy { ($0["size_total"] as? Int ?? 0) > 0 } == true, "\(listed)")

        try shell("pkill -x glusterd")
        defer {  // back for the clean-up
            _ = try? shell(RealGluster.glusterd + " </dev/null >/dev/null 2>&1")
            _ = waitFor(timeout: 20) { (try? gluster.gluster(["pool", "list"]).status) == 0 }
        }
        let stopped = health(workdir, within: 10) { $0.stdout.contains("glusterd not answering") }
        #expect(stopped.status == 2 && stopped.stdout.contains("CRITICAL  glusterd not answering"), "\(stopped.stdout)")
        #expect(stopped.stdout.contains("glusterd has not answered for"), "\(stopped.stdout)")
        serve.stop()
        let nothing = health(workdir)
        #expect(nothing.status == 3, "\(nothing.stdout)")
        #expect(nothing.stdout.hasPrefix("HEALTH UNKNOWN - no engine runs on this workdir and glusterd did not answer (Connection failed."), "\(nothing.stdout)")
    }

    /// (i) A heal backlog, which no event tells: a replica-3 volume, one brick killed, files
    /// written through a FUSE mount — `heal info summary` counts them, `health --json` shows them;
    /// after `start force` self-heal drains them to 0.
    @Test func aHealBacklogIsPolledAndDrains() throws {
        let gluster = try RealGluster()
        let workdir = TemporaryDirectory()
        let volume = "edheal\(getpid())"
        let bricks = try gluster.startReplicaVolume(volume, under: workdir.path)
        defer { withExtendedLifetime(workdir) { gluster.removeVolume(volume) } }
        let mount = workdir.path + "/mnt"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try #require(try shell("mount -t glusterfs \(ProcessInfo.processInfo.hostName):/\(volume) \(mount)") == 0)
        defer { _ = try? shell("umount -l \(mount)") }
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--cluster-poll-interval", "1", "--heal-poll-interval", "1"], environment: RealGluster.environment())
        defer { serve.stop() }
        func heal() -> Int? {
            let report = (try? JSONSerialization.jsonObject(with: Data(health(workdir, "--json").stdout.utf8))) as? [String: Any]
            return ((report?["volumes"] as? [[String: Any]])?.first { $0["name"] as? String == volume })?["heal_pending"] as? Int
        }
        #expect(waitFor(timeout: 15) { heal() == 0 })

        let pid = try #require(try gluster.brickPID(volume: volume, path: bricks[0]))
        kill(pid, SIGKILL)
        for index in 1...20 { try Data("written while b1 was down\n".utf8).write(to: URL(fileURLWithPath: "\(mount)/f\(index)")) }
        #expect(waitFor(timeout: 15) { (heal() ?? 0) >= 20 }, "heal_pending: \(String(describing: heal()))")

        #expect(waitFor(timeout: 20) {
            _ = try? gluster.gluster(["volume", "start", volume, "force"])
            return waitFor(timeout: 3) { ((try? gluster.brickPID(volume: volume, path: bricks[0])) ?? nil).map { $0 > 0 } == true }
        })
        #expect(waitFor(timeout: 60) { heal() == 0 }, "heal_pending: \(String(describing: heal()))")
    }

    /// (j) A planned `gluster volume stop` of a replica-3 volume: glusterd reports client quorum
    /// lost and the subvolume down before VOLUME_STOP. `health`, asked every 0.2 s, never says
    /// CRITICAL, and a real Alertmanager gets no alert.
    @Test(.enabled(if: RealAlertmanager.installed || RealTool.required, "needs prometheus-alertmanager (scripts/setup --tests)"))
    func aPlannedVolumeStopNeverPages() throws {
        try #require(RealAlertmanager.installed, "CI is set but prometheus-alertmanager is not installed: run scripts/setup --tests")
        let gluster = try RealGluster()
        let receiver = try RecordingWebhookServer()
        defer { receiver.shutdown() }
        let alertmanager = try RealAlertmanager(receiver: receiver.url)
        defer { alertmanager.stop() }
        let workdir = TemporaryDirectory()
        let volume = "edstop\(getpid())"
        _ = try gluster.startReplicaVolume(volume, under: workdir.path)
        defer { withExtendedLifetime(workdir) { gluster.removeVolume(volume) } }
        let serve = try ServeProcess(
            workdir: workdir.path, port: RealGluster.eventsPort, listen: ["0.0.0.0", "::1"],
            extraArguments: ["--alertmanager", alertmanager.url], environment: RealGluster.environment())
        defer { serve.stop() }
        let up = health(workdir, within: 10) { $0.status == 0 && $0.stdout.contains("\n\(volume) ") }
        #expect(up.status == 0, "\(up.stdout)")

        let stopping = Thread { _ = try? Command.run(RealGluster.gluster, ["--mode=script", "volume", "stop", volume]) }
        stopping.start()
        var statuses: [Int32] = []
        var critical: String?
        let until = Date().addingTimeInterval(12)  // the stop, and twice the settle window after it
        while Date() < until {
            let result = health(workdir)
            statuses.append(result.status)
            if result.status == 2 { critical = critical ?? result.stdout }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(critical == nil, "\(critical ?? "")")
        #expect(statuses.count >= 30 && !statuses.contains(2))
        let events = (try? loggedEvents(workdir: workdir.path)) ?? []
        #expect(events.contains { $0["event"] as? String == "VOLUME_STOP" }, "the stop was not received")
        #expect(events.contains { ($0["event"] as? String)?.hasPrefix("AFR_") == true }, "glusterd sent no quorum events this time")
        #expect(alertmanager.alerts()?.isEmpty == true, "\(alertmanager.alertsText())")
        let stopped = health(workdir, within: 5) { $0.stdout.contains("STOPPED") }
        #expect(stopped.status == 0, "\(stopped.stdout)")
    }

    /// (k) A small brick (a loop-mounted 64 MB ext4) filled step by step through a FUSE mount: the
    /// polls sample it, `full_at` is forecast and plausible, and `size_free` is what `gluster
    /// volume status detail` says.
    @Test func aFillingBrickIsForecastFull() throws {
        let gluster = try RealGluster()
        let workdir = TemporaryDirectory()
        let volume = "edfill\(getpid())"
        let image = workdir.file("brick.img")
        let disk = workdir.file("disk")
        let mount = workdir.file("mnt")
        for directory in [disk, mount] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try #require(try shell("truncate -s 64M \(image) && mkfs.ext4 -q \(image) && mount -o loop \(image) \(disk) && mkdir \(disk)/b") == 0)
        defer { _ = try? shell("umount -l \(disk)") }
        let brick = "\(ProcessInfo.processInfo.hostName):\(disk)/b"
        for step in [["volume", "create", volume, brick, "force"], ["volume", "start", volume]] {
            let result = try gluster.gluster(step)
            try #require(result.status == 0, "gluster \(step.joined(separator: " ")): \(result.stdout) \(result.stderr)")
        }
        defer { withExtendedLifetime(workdir) { gluster.removeVolume(volume) } }
        try #require(try shell("mount -t glusterfs \(ProcessInfo.processInfo.hostName):/\(volume) \(mount)") == 0)
        defer { _ = try? shell("umount -l \(mount)") }
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--cluster-poll-interval", "1", "--forecast-sample-interval", "1"], environment: RealGluster.environment())
        defer { serve.stop() }
        func listed() -> [String: Any]? {
            let report = (try? JSONSerialization.jsonObject(with: Data(health(workdir, "--json").stdout.utf8))) as? [String: Any]
            return (report?["volumes"] as? [[String: Any]])?.first { $0["name"] as? String == volume }
        }
        #expect(waitFor(timeout: 10) { listed()?["size_free"] as? Int != nil })
        for step in 0..<12 {  // 2 MB every 1.2 s: some 1.6 MB/s
            _ = try shell("dd if=/dev/zero of=\(mount)/f\(step) bs=1M count=2 conv=fsync status=none")
            Thread.sleep(forTimeInterval: 1.2)
        }
        var fullAt: Int?
        #expect(waitFor(timeout: 10) {
            fullAt = listed()?["full_at"] as? Int
            return fullAt != nil
        }, "\(String(describing: listed()))")
        let now = Int(Date().timeIntervalSince1970)
        #expect(fullAt.map { $0 > now - 60 && $0 < now + 3600 } == true, "full_at \(String(describing: fullAt)), now \(now)")
        // no more writes: the next poll's figure is gluster's own
        Thread.sleep(forTimeInterval: 2.5)
        let detail = try gluster.gluster(["volume", "status", volume, "detail", "--xml"]).stdout
        let free = detail.components(separatedBy: "<sizeFree>").dropFirst().first?.components(separatedBy: "</sizeFree>").first.flatMap { Int($0) }
        let bricks = listed()?["bricks"] as? [[String: Any]]
        #expect(free != nil && bricks?.first?["size_free"] as? Int == free, "gluster: \(String(describing: free)), eventsdash: \(String(describing: bricks))")
    }
}
