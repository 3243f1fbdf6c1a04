import Foundation
import GlusterEvents
import Testing
import TestSupport

/// `eventsdash health` as a monitoring system runs it: the real binary beside a real `serve`, fed
/// the real brick-failure capture over UDP; its exit code is the Nagios status.
@Suite struct HealthCommandTests {
    /// The capture's datagrams (see Tests/Fixtures/README.md), by line number from 1.
    let capture = try! Fixtures.datagrams(Fixtures.brickFailures)

    private func send(lines: ClosedRange<Int>, to serve: ServeProcess) {
        for datagram in capture[(lines.lowerBound - 1)...(lines.upperBound - 1)] { sendRaw(datagram, port: serve.port) }
    }

    private func health(_ workdir: TemporaryDirectory, _ arguments: String...) throws -> Eventsdash.Result {
        try Eventsdash.run(["health"] + arguments + ["--workdir", workdir.path])
    }

    /// The volumes table's row of `volume`.
    static func row(_ volume: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(volume + " ") }.map(String.init)
    }

    private func json(_ result: Eventsdash.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Waits up to `seconds` for `health` to exit with `status` (and print what `shows`); the last result.
    private func healthExits(
        _ status: Int32, within seconds: Double, _ workdir: TemporaryDirectory, _ arguments: String...,
        shows: (String) -> Bool = { _ in true }
    ) throws -> Eventsdash.Result {
        var result = Eventsdash.Result(status: -1, stdout: "", stderr: "")
        _ = waitFor(timeout: seconds) {
            result = (try? Eventsdash.run(["health"] + arguments + ["--workdir", workdir.path])) ?? result
            return result.status == status && shows(result.stdout)
        }
        return result
    }

    private func startServe(_ workdir: TemporaryDirectory) throws -> ServeProcess {
        try ServeProcess(workdir: workdir.path, port: freePort(), extraArguments: ["--cluster-poll-interval", "0"])
    }

    /// The capture step by step: the check goes WARNING with the brick killed (within 2 s),
    /// OK after `volume start force`, CRITICAL with client quorum lost, OK again, and nothing is
    /// left of the volume once it is stopped and deleted.
    @Test func theCheckFollowsABrickDownQuorumLostAndRecovery() throws {
        let workdir = TemporaryDirectory()
        let serve = try startServe(workdir)
        defer { serve.stop() }
        send(lines: 1...11, to: serve)
        let started = try healthExits(0, within: 5, workdir) { $0.contains("gv0") }
        #expect(started.status == 0, "\(started.stdout)")
        #expect(started.stdout.hasPrefix("HEALTH OK - no problems | problems=0;;;0 critical=0;;;0 warning=0;;;0 muted=0;;;0"))
        #expect(Self.row("gv0", in: started.stdout)?.contains(" UP ") == true)

        let killedAt = Date()
        send(lines: 12...12, to: serve)  // BRICK_DISCONNECTED b1
        let down = try healthExits(1, within: 2, workdir)
        #expect(down.status == 1 && Date().timeIntervalSince(killedAt) <= 2.5, "\(down.stdout)")
        let check = try #require(down.stdout.split(separator: "\n").first.map(String.init))
        #expect(check.hasPrefix("HEALTH WARNING - 1 problem: brick down: vm:/bricks/gv0/b1 (gv0) | problems=1;;;0 "))
        for perfdata in ["critical=0;;;0", "warning=1;;;0", "bricks_down=1;;;0", "gv0_bricks_down=1;;;0;3", "gv0_problems=1;;;0"] {
            #expect(check.contains(" " + perfdata), "\(perfdata) in \(check)")
        }
        #expect(Self.row("gv0", in: down.stdout)?.contains(" DEGRADED  1 of 3 ") == true, "\(down.stdout)")
        let row = try #require(down.stdout.split(separator: "\n").first { $0.hasPrefix("WARNING ") })
        #expect(row.contains("brick down: vm:/bricks/gv0/b1 (gv0)") && row.hasSuffix("brick-down/vm:/bricks/gv0/b1"))
        #expect(!down.stdout.split(separator: "\n").dropFirst().contains { $0.contains("|") })  // no more perfdata
        #expect(down.stdout.contains("From the engine running on this workdir (pid \(serve.pid))."))

        send(lines: 13...15, to: serve)  // volume start force
        #expect(try healthExits(0, within: 2, workdir).status == 0)
        send(lines: 16...18, to: serve)  // b1 and b2 killed: client quorum lost
        let quorumLost = try healthExits(2, within: 10, workdir)  // client quorum lost counts after the 5 s settle window
        #expect(quorumLost.status == 2, "\(quorumLost.stdout)")
        // The two bricks are listed newest first: their order depends on whether the datagrams
        // arrived in the same second (a loaded machine may split them).
        let bricks = ["brick down: vm:/bricks/gv0/b1 (gv0)", "brick down: vm:/bricks/gv0/b2 (gv0)"]
        #expect(
            [bricks, bricks.reversed()].contains { order in
                quorumLost.stdout.hasPrefix(
                    "HEALTH CRITICAL - 3 problems: client quorum lost (writes fail): gv0-replicate-0; " + order.joined(separator: "; ")
                        + " | problems=3;;;0 critical=1;;;0 warning=2;;;0")
            }, "\(quorumLost.stdout)")
        // Started with force again, nothing is down. b1 went down twice within seconds (killed,
        // started, killed): an admin at work, as Nagios's flap detection sees it, not flapping.
        send(lines: 19...24, to: serve)
        let recovered = try healthExits(0, within: 2, workdir) { Self.row("gv0", in: $0)?.contains(" UP ") == true }
        #expect(recovered.stdout.hasPrefix("HEALTH OK - no problems | problems=0;;;0 critical=0;;;0"), "\(recovered.stdout)")
        #expect(Self.row("gv0", in: recovered.stdout)?.contains(" UP ") == true)
        send(lines: 25...27, to: serve)  // volume stop: what glusterd says while stopping is no problem
        let stopped = try healthExits(0, within: 8, workdir) { Self.row("gv0", in: $0)?.contains(" STOPPED ") == true }
        #expect(Self.row("gv0", in: stopped.stdout)?.contains(" STOPPED ") == true, "\(stopped.stdout)")
        // A deleted volume leaves nothing.
        send(lines: 28...28, to: serve)  // volume delete
        let deleted = try healthExits(0, within: 3, workdir, "--json") { !$0.contains(#""name": "gv0""#) }
        #expect(deleted.status == 0, "\(deleted.stdout)")
        let report = try json(deleted)
        #expect(report["status"] as? String == "OK")
        #expect((report["problems"] as? [Any])?.isEmpty == true)
        #expect((report["volumes"] as? [Any])?.isEmpty == true)
    }

    /// `--json`: each problem with gluster's own field names; `--volume` narrows the problems and
    /// the status to one volume.
    /// Past the 1,000 problems listed, the perfdata still counts every problem by severity: 1,050
    /// bricks down (warnings) and two quorums lost (critical, listed first).
    @Test func perfdataCountsTheProblemsNotListedToo() throws {
        let workdir = TemporaryDirectory()
        let serve = try startServe(workdir)
        defer { serve.stop() }
        let (brick, quorum) = (EventCatalog.number(of: "BRICK_DISCONNECTED")!, EventCatalog.number(of: "QUORUM_LOST")!)
        let datagrams = (0..<1_050).map { "1796070888 \(brick) peer=h\($0 % 7);volume=v\($0 % 3);brick=/bricks/b\($0)" }
            + ["1796070889 \(quorum) volume=v1", "1796070889 \(quorum) volume=v2"]
        var check = ""
        // a datagram lost on a busy machine is sent again: the same problem, no new one
        #expect(waitFor(timeout: 60) {
            datagrams.forEach { sendRaw($0, port: serve.port) }
            check = (try? health(workdir))?.stdout.split(separator: "\n").first.map(String.init) ?? ""
            return check.contains(" problems=1052;")
        }, "\(check)")
        #expect(check.hasPrefix("HEALTH CRITICAL - 1052 problems: server quorum lost"), "\(check)")
        #expect(check.contains(" critical=2;;;0 warning=1050;;;0 muted=0;;;0 "), "\(check)")
    }

    /// Volume names come from outside: 1,200 invented volumes with long names holding `=`, `'`,
    /// `|` and an escape still give a first line of at most 8 KB, the worst volumes' items in it,
    /// the rest counted, and no `=` inside a label.
    @Test func theCheckLineStaysWithinEightKilobytes() throws {
        let workdir = TemporaryDirectory()
        let serve = try startServe(workdir)
        defer { serve.stop() }
        let (create, quorum) = (EventCatalog.number(of: "VOLUME_CREATE")!, EventCatalog.number(of: "QUORUM_LOST")!)
        let hostile = "a=b'c|d\u{1b}[2J" + String(repeating: "v", count: 150)
        let datagrams = (0..<1_200).map { "1796070888 \(create) name=\(hostile)\($0)" } + ["1796070889 \(quorum) volume=\(hostile)7"]
        var check = ""
        #expect(waitFor(timeout: 60) {
            datagrams.forEach { sendRaw($0, port: serve.port) }
            check = (try? health(workdir))?.stdout.split(separator: "\n").first.map(String.init) ?? ""
            return check.contains("volumes_not_shown=") && check.contains("server quorum lost")
        }, "\(check.prefix(300))")
        #expect(check.utf8.count <= 8_192, "\(check.utf8.count) bytes")
        #expect(!check.contains("\u{1b}"))
        let perfdata = try #require(check.split(separator: " | ", maxSplits: 1).last.map(String.init))
        let labels = try Self.perfdataLabels(perfdata)
        #expect(labels.allSatisfy { !$0.contains("=") }, "\(labels.filter { $0.contains("=") }.prefix(3))")
        #expect(labels.contains("volumes_not_shown") && labels.contains("problems"))
        // the volume with the problem comes first among the volumes
        #expect(labels.first { $0.hasSuffix("_problems") && $0 != "problems" }?.hasSuffix("7_problems") == true, "\(labels.prefix(12))")
    }

    /// The labels of `label=value;…` items, a label in single quotes when it holds more than
    /// letters and digits (a quote in it doubled); throws on anything else.
    static func perfdataLabels(_ perfdata: String) throws -> [String] {
        var labels: [String] = []
        var rest = Substring(perfdata)
        while !rest.isEmpty {
            var label = ""
            if rest.first == "'" {
                rest = rest.dropFirst()
                while true {
                    let quote = try #require(rest.firstIndex(of: "'"))
                    label += rest[..<quote]
                    rest = rest[rest.index(after: quote)...]
                    guard rest.first == "'" else { break }
                    label += "'"
                    rest = rest.dropFirst()
                }
            } else {
                let equals = try #require(rest.firstIndex(of: "="))
                label = String(rest[..<equals])
                rest = rest[equals...]
            }
            try #require(rest.first == "=", "no = after \(label)")
            labels.append(label)
            rest = rest.drop { $0 != " " }.drop { $0 == " " }
        }
        return labels
    }

    @Test func jsonAndOneVolume() throws {
        let workdir = TemporaryDirectory()
        let serve = try startServe(workdir)
        defer { serve.stop() }
        send(lines: 1...18, to: serve)
        sendRaw("\(Int(Date().timeIntervalSince1970)) 2 name=gv1;bricks= vm:/bricks/gv1/b1", port: serve.port)  // VOLUME_CREATE
        let result = try healthExits(2, within: 10, workdir, "--json") { $0.contains("gv1") }
        #expect(result.status == 2, "\(result.stdout)")
        let report = try json(result)
        #expect(report["status"] as? String == "CRITICAL")
        let problems = try #require(report["problems"] as? [[String: Any]])
        #expect(problems.compactMap { $0["id"] as? String } == [
            "client-quorum-lost/gv0-replicate-0", "brick-down/vm:/bricks/gv0/b2", "brick-down/vm:/bricks/gv0/b1",
        ] || problems.compactMap { $0["id"] as? String } == [
            "client-quorum-lost/gv0-replicate-0", "brick-down/vm:/bricks/gv0/b1", "brick-down/vm:/bricks/gv0/b2",
        ])
        let brick = try #require(problems.first { $0["id"] as? String == "brick-down/vm:/bricks/gv0/b1" })
        #expect(brick["kind"] as? String == "brick-down" && brick["severity"] as? String == "warning")
        #expect(brick["entity"] as? [String: String] == ["peer": "vm", "volume": "gv0", "brick": "/bricks/gv0/b1"])
        #expect(brick["summary"] as? String == "brick down: vm:/bricks/gv0/b1 (gv0)")
        #expect(brick["flaps"] as? Int == 3 && brick["muted"] as? Bool == false)
        let since = try #require(brick["since"] as? Int)
        #expect(abs(Double(since) - Date().timeIntervalSince1970) < 30)
        let quorum = try #require(problems.first)
        #expect(quorum["severity"] as? String == "critical" && quorum["entity"] as? [String: String] == ["subvol": "gv0-replicate-0"])

        let gv1 = try health(workdir, "--volume", "gv1")
        #expect(gv1.status == 0, "\(gv1.stdout)")
        #expect(gv1.stdout.hasPrefix("HEALTH OK - volume gv1 STOPPED, no problems | problems=0;;;0"))
        #expect(!gv1.stdout.contains("gv0"))
        let gv0 = try json(try health(workdir, "--volume", "gv0", "--json"))
        #expect(gv0["status"] as? String == "CRITICAL" && (gv0["problems"] as? [Any])?.count == 3)
        #expect((gv0["volumes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["gv0"])
        let unknown = try health(workdir, "--volume", "gv7")
        #expect(unknown.status == 3 && unknown.stdout.hasPrefix("HEALTH UNKNOWN - volume gv7 is not known here"))
    }

    /// A muted problem is listed as muted and leaves the status alone (the engine takes the
    /// decision up within a second); unmuted, it counts again; an id that does not parse is refused.
    @Test func muteUnmuteAndAcknowledge() throws {
        let workdir = TemporaryDirectory()
        let serve = try startServe(workdir)
        defer { serve.stop() }
        send(lines: 1...12, to: serve)
        #expect(try healthExits(1, within: 3, workdir).status == 1)

        let mute = try health(workdir, "mute", "brick-down/vm:/bricks/gv0/b1", "--for", "2h")
        #expect(mute.status == 0, "\(mute.stderr)")
        #expect(mute.stdout.hasPrefix("Muted brick-down/vm:/bricks/gv0/b1 for 2h (until "))
        #expect(mute.stdout.contains("The engine running on this workdir (pid \(serve.pid)) takes it up within a second."))
        let muted = try healthExits(0, within: 2, workdir)
        #expect(muted.status == 0, "\(muted.stdout)")
        #expect(muted.stdout.hasPrefix("HEALTH OK - no problems, 1 muted | problems=1;;;0 critical=0;;;0 warning=0;;;0 muted=1;;;0"))
        #expect(muted.stdout.split(separator: "\n").contains { $0.hasPrefix("WARNING ") && $0.contains("muted until ") })
        let problem = try #require((try json(try health(workdir, "--json"))["problems"] as? [[String: Any]])?.first)
        #expect(problem["muted"] as? Bool == true)

        #expect(try health(workdir, "unmute", "brick-down/vm:/bricks/gv0/b1").status == 0)
        #expect(try healthExits(1, within: 2, workdir).status == 1)

        let refused = try health(workdir, "mute", "gv0-b1")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("'gv0-b1' is not a problem id: give KIND/ENTITY"))
        let typo = try health(workdir, "ack", "brick-down/vm:/bricks/gv0/b9")
        #expect(typo.status == 0 && typo.stderr.contains("note: brick-down/vm:/bricks/gv0/b9 is not a problem now"))

        // Acknowledged, it closes (a brick comes back by itself; this is how a split-brain is closed).
        #expect(try health(workdir, "ack", "brick-down/vm:/bricks/gv0/b1").status == 0)
        #expect(try healthExits(0, within: 2, workdir).stdout.hasPrefix("HEALTH OK - no problems | "))
    }

    /// With serve stopped, the answer is rebuilt from the log, decisions included: the same report.
    @Test func withNoEngineTheLogGivesTheSameAnswer() throws {
        let workdir = TemporaryDirectory()
        let serve = try startServe(workdir)
        send(lines: 1...18, to: serve)
        #expect(try healthExits(2, within: 10, workdir).status == 2)
        #expect(try health(workdir, "mute", "brick-down/vm:/bricks/gv0/b2").status == 0)
        var live = Eventsdash.Result(status: -1, stdout: "", stderr: "")
        #expect(waitFor(timeout: 2) {
            live = (try? health(workdir, "--json")) ?? live
            return live.stdout.contains("muted_until")
        })
        serve.stop()

        // Nothing live answers now (no engine, the gluster CLI not asked): UNKNOWN, with what the
        // log says — the same report as the engine's.
        let fromLog = try health(workdir, "--json", "--no-gluster")
        #expect(fromLog.status == 3)
        var rebuilt = try json(fromLog)
        #expect(rebuilt["status"] as? String == "UNKNOWN")
        #expect(rebuilt.removeValue(forKey: "error") as? String == "no engine runs on this workdir and the gluster CLI was not asked (--no-gluster)")
        var published = try json(live)
        #expect(published["status"] as? String == "CRITICAL")
        (rebuilt["status"], published["status"]) = (nil, nil)
        #expect(NSDictionary(dictionary: rebuilt) == NSDictionary(dictionary: published))
        let text = try health(workdir, "--no-gluster")
        #expect(text.status == 3)
        #expect(text.stdout.contains("Rebuilt from the event log (18 events; no live source answered: UNKNOWN)."))
        #expect(
            text.stdout.hasPrefix(
                "HEALTH UNKNOWN - no engine runs on this workdir and the gluster CLI was not asked (--no-gluster); the event log last said CRITICAL: 2 problems, 1 muted: client quorum lost (writes fail): gv0-replicate-0; brick down: vm:/bricks/gv0/b1 (gv0) | "
            ), "\(text.stdout)")
    }

    /// The problems resolved, as the engine keeps them: once each, also after a restart (which
    /// reads the whole log again).
    @Test func theHistoryListsWhatClosedOnceEach() throws {
        let workdir = TemporaryDirectory()
        var serve = try startServe(workdir)
        send(lines: 1...15, to: serve)  // b1 killed, then started with force
        var listed = try health(workdir, "history")
        #expect(waitFor(timeout: 5) {
            listed = (try? health(workdir, "history")) ?? listed
            return listed.stdout.contains("brick down: vm:/bricks/gv0/b1 (gv0)")
        }, "\(listed.stdout) \(listed.stderr)")
        let row = listed.stdout.split(separator: "\n").first { $0.contains("brick down") } ?? ""
        #expect(row.contains("WARNING") && row.contains(" event ") && row.hasSuffix("brick-down/vm:/bricks/gv0/b1"), "\(row)")
        serve.stop()
        serve = try startServe(workdir)
        defer { serve.stop() }
        send(lines: 16...16, to: serve)  // b1 again
        send(lines: 19...19, to: serve)  // and back
        #expect(waitFor(timeout: 5) { ((try? health(workdir, "history", "--json").stdout) ?? "").components(separatedBy: "\"brick-down\"").count == 3 })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(health(workdir, "history", "--json").stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 2 && json.allSatisfy { $0["id"] as? String == "brick-down/vm:/bricks/gv0/b1" }, "\(json)")  // not 3: the replay wrote nothing
        #expect(json.first?["opened_by"] as? String == "event" && json.first?["closed_by"] as? String == "event")
        let future = try health(workdir, "history", "--since", "2099-01-01T00:00")
        #expect(future.status == 0 && future.stdout.hasPrefix("No problem resolved since 2099-01-01T00:00"))
        #expect(try health(workdir, "history", "--since", "someday").status == 64)
    }

    /// Nothing to go on: UNKNOWN (3), text or JSON.
    @Test func anEmptyWorkdirIsUnknown() throws {
        let workdir = TemporaryDirectory()
        let text = try health(workdir)
        #expect(text.status == 3)
        #expect(text.stdout == "HEALTH UNKNOWN - no engine runs on this workdir and it has no event log (start one with: eventsdash serve)\n")
        let json = try json(try health(workdir, "--json"))
        #expect(json["status"] as? String == "UNKNOWN")
        #expect((json["error"] as? String)?.contains("no event log") == true)
    }
}
