import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The dashboard's keys, forms and views, driven in a real terminal (tmux) against real files, a
/// real UDP port and a real HTTP webhook.
@Suite struct DashboardInteractionTests {
    /// A dashboard in a 120×40 terminal on a free port, with its workdir.
    final class Dashboard {
        let workdir = TemporaryDirectory()
        let port = freePort()
        let tmux: Tmux

        init(columns: Int = 120, rows: Int = 40, environment: String = "", arguments: String = "") throws {
            tmux = try Tmux(
                command: "\(environment) \(Eventsdash.binary) --workdir \(workdir.path) --port \(port) --listen 127.0.0.1 \(arguments)",
                columns: columns, rows: rows)
            try tmux.waitForScreen { $0.contains("eventsdash  UDP") }
        }

        func send(_ event: String, _ fields: String...) throws {
            try Eventsdash.run(["send", "--port", "\(port)", event] + fields)
        }

        /// Types text into the terminal, literally.
        func type(_ text: String) throws { try tmux.send("-l", text) }

        func line(containing text: String, in screen: String) -> String? {
            screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
        }
    }

    @Test func aWebhookAddedThroughTheFormGetsEventsPingsAndIsDeleted() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        try tmux.send("Tab")
        try tmux.waitForScreen { $0.contains("▶ WEBHOOKS") }
        try tmux.send("a")
        try tmux.waitForScreen { $0.contains("Add webhook") }
        try dashboard.type(server.url)
        try tmux.send("Tab")  // (Enter would save the URL alone)
        try dashboard.type("bearer-Secret-42")
        let masked = try tmux.waitForScreen { $0.contains("••••••••••••••••") }
        #expect(!masked.contains("bearer-Secret-42"))  // masked as typed
        try tmux.send("Enter", "Enter", "Enter")  // no secret, no signing secrets
        try dashboard.type("VOLUME_*")  // only volume events
        try tmux.send("Enter", "Enter", "Enter")  // the engine's timeout and retry schedule…
        try dashboard.type("3600")  // …but give its events up after an hour
        try tmux.send("Enter", "Enter")  // the system's CAs
        try tmux.waitForScreen { $0.contains("yes — the server's certificate must be trusted") }
        try tmux.send("Enter")  // saves from the last field
        // The form gone (not the secret: it must never show, not only in the end).
        let added = try tmux.waitForScreen { $0.contains("added \(server.url)") && !$0.contains("Add webhook") }
        #expect(!added.contains("Add webhook"), "\(added)")
        #expect(!added.contains("bearer-Secret-42"), "\(added)")
        let entry = dashboard.workdir.json("webhooks.json")?[server.url] as? [String: Any]
        #expect(entry?["token"] as? String == "bearer-Secret-42" && entry?["secret"] as? String == "")
        #expect(entry?["events"] as? [String] == ["VOLUME_*"])
        #expect(entry?["give_up_after"] as? Int == 3600 && entry?["timeout"] == nil)

        // Events it wants now reach the webhook, with the token.
        try dashboard.send("PEER_ATTACH", "host=not-wanted")
        try dashboard.send("VOLUME_CREATE", "name=formvol")
        let delivered = server.waitForRequests(1)
        #expect(delivered.first?.body.contains(#""name": "formvol""#) == true)
        #expect(delivered.first?.header("Authorization") == "Bearer bearer-Secret-42")
        let healthy = try tmux.waitForScreen { screen in
            let row = dashboard.line(containing: ":\(server.port)/listen", in: screen)
            return row?.contains("healthy") == true && row?.contains("HTTP 200") == true
        }
        #expect(dashboard.line(containing: ":\(server.port)/listen", in: healthy)?.contains("HTTP 200") == true, "\(healthy)")

        // Test-ping: the result shows in the row and on the message line.
        try tmux.send("t")
        let pinged = try tmux.waitForScreen { $0.contains(": ping HTTP 200 in ") }
        #expect(server.waitForRequests(2).last?.body.contains(#""event": "TEST""#) == true)
        #expect(pinged.contains(": ping HTTP 200 in "))

        // Delete asks first; n keeps it, y deletes it, and webhooks.json agrees.
        try tmux.send("d")
        try tmux.waitForScreen { $0.contains("Delete webhook \(server.url)?") }
        try tmux.send("n")
        try tmux.waitForScreen { $0.contains("not deleted") }
        #expect(dashboard.workdir.json("webhooks.json")?[server.url] != nil)
        try tmux.send("d")
        try tmux.waitForScreen { $0.contains("Delete webhook") }
        try tmux.send("y")
        let deleted = try tmux.waitForScreen { $0.contains("deleted \(server.url)") && $0.contains("none yet") }
        #expect(deleted.contains("none yet"), "\(deleted)")
        #expect(dashboard.workdir.json("webhooks.json")?.isEmpty == true)
        try tmux.send("q")
    }

    @Test func aBadURLIsRefusedInTheForm() throws {
        let dashboard = try Dashboard()
        try dashboard.tmux.send("Tab")
        try dashboard.tmux.send("a")
        try dashboard.tmux.waitForScreen { $0.contains("Add webhook") }
        try dashboard.type("localhost:9000")
        try dashboard.tmux.send("C-s")  // Ctrl-S saves from any field (the terminal's flow control is off)
        let refused = try dashboard.tmux.waitForScreen { $0.contains("⚠ webhook URL must start with http:// or https://") }
        #expect(refused.contains("⚠ webhook URL must start with http:// or https://"))
        #expect(dashboard.workdir.read("webhooks.json") == nil)
        try dashboard.tmux.send("Escape")
        try dashboard.tmux.waitForScreen { !$0.contains("Add webhook") }
        try dashboard.tmux.send("q")
    }

    @Test func theFilterNarrowsTheEventsAndEscClearsIt() throws {
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        try dashboard.send("VOLUME_CREATE", "name=alpha")
        try dashboard.send("BRICK_DISCONNECTED", "volume=alpha", "brick=h:/b1")
        try dashboard.send("VOLUME_CREATE", "name=beta")
        try tmux.waitForScreen { $0.contains("name=beta") }

        try tmux.send("/")
        try tmux.waitForScreen { $0.contains(" filter: ") }
        try dashboard.type("event:VOLUME_* name=a*")
        try tmux.send("Enter")
        let filtered = try tmux.waitForScreen {
            $0.contains("filter: event:VOLUME_* name=a*") && $0.contains("name=alpha") && !$0.contains("name=beta")
                && !$0.contains("BRICK_DISCONNECTED") && $0.contains("1 of 3")
        }
        #expect(filtered.contains("name=alpha"), "\(filtered)")
        #expect(!filtered.contains("name=beta"), "\(filtered)")
        #expect(!filtered.contains("BRICK_DISCONNECTED"), "\(filtered)")
        #expect(filtered.contains("1 of 3"), "\(filtered)")

        // New events are filtered as they arrive.
        try dashboard.send("VOLUME_STOP", "name=another")
        try dashboard.send("VOLUME_STOP", "name=zeta")
        let live = try tmux.waitForScreen { $0.contains("name=another") }
        #expect(!live.contains("name=zeta"))

        try tmux.send("Escape")
        let cleared = try tmux.waitForScreen { $0.contains("name=beta") && !$0.contains("filter: event") && $0.contains("filter cleared") }
        #expect(!cleared.contains("filter: event"), "\(cleared)")
        #expect(cleared.contains("filter cleared"), "\(cleared)")
        try tmux.send("q")
    }

    /// Issue 15: filtering a paused view showed `2 of 55,311` with one row and no word of the
    /// other match above. Now the view is kept full, the title counts what is out of view each
    /// way, and the keys reach it.
    @Test func aFilteredPausedViewSaysWhatIsAboveAndScrollsToIt() throws {
        let dashboard = try Dashboard(rows: 24)  // 9 event rows
        let tmux = dashboard.tmux
        for index in 1...12 { try dashboard.send("VOLUME_CREATE", "name=vol\(index)") }
        for index in 1...12 { try dashboard.send("PEER_ATTACH", "host=peer\(index)") }
        try tmux.waitForScreen { $0.contains("host=peer12") }
        try tmux.send("Up")  // paused on the newest but one, below every VOLUME_CREATE
        try tmux.waitForScreen { $0.contains("EVENTS  PAUSED") }
        try tmux.send("/")
        try dashboard.type("event:VOLUME_CREATE")
        try tmux.send("Enter")
        /// Whether a row of `screen` ends with `field`.
        func shows(_ field: String, _ screen: String) -> Bool {
            screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix(field) }
        }
        let filtered = try tmux.waitForScreen {
            $0.contains("↑ 3 more above  12 of 24") && shows("name=vol12", $0) && shows("name=vol4", $0) && !shows("name=vol3", $0)
                && !$0.contains("PEER_ATTACH")
        }
        #expect(shows("name=vol4", filtered) && !shows("name=vol3", filtered), "\(filtered)")  // the view is full
        #expect(!filtered.contains("PEER_ATTACH"), "\(filtered)")
        try tmux.send("PageUp")
        let top = try tmux.waitForScreen {
            $0.contains("↓ 3 more below  12 of 24") && shows("name=vol1", $0) && !shows("name=vol10", $0) && !$0.contains("more above")
        }
        #expect(shows("name=vol1", top) && !shows("name=vol10", top) && !top.contains("more above"), "\(top)")
        try tmux.send("q")
    }

    @Test func enterShowsTheEventInFullWithItsDeliveryAndEscGoesBack() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        try Eventsdash.run(["webhook-add", "--workdir", dashboard.workdir.path, server.url])
        try tmux.waitForScreen { $0.contains(server.url) }  // a CLI change shows up by itself
        try dashboard.send("VOLUME_SET", "name=gv0", "options=a,b,c,d")
        try dashboard.send("VOLUME_START", "name=gv0", "force=1")
        server.waitForRequests(2)
        try tmux.waitForScreen { $0.contains("VOLUME_START") }
        try tmux.send("Up")
        try tmux.send("Enter")
        let expected = [
            "sequence   1", #""event": "VOLUME_SET","#, #""name": "gv0","#, #""options": ["#, #""a","#, "DELIVERY",
            "\(server.url)  delivered: HTTP 200 in",
        ]
        let detail = try tmux.waitForScreen { screen in
            screen.contains("EVENT #1  VOLUME_SET") && screen.contains("delivered: HTTP 200") && expected.allSatisfy { screen.contains($0) }
        }
        for text in expected {
            #expect(detail.contains(text), "missing \(text) in\n\(detail)")
        }
        try tmux.send("Escape")
        let back = try tmux.waitForScreen { $0.contains("EVENTS  PAUSED") && !$0.contains("DELIVERY") }
        #expect(!back.contains("DELIVERY"), "\(back)")
        try tmux.send("q")
    }

    @Test func theWebhookViewListsGivenUpEventsAndRRedeliversOne() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        server.behave(.answer(status: 422))  // refused outright: given up at once
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        try Eventsdash.run(["webhook-add", "--workdir", dashboard.workdir.path, server.url, "--events", "VOLUME_*"])
        try tmux.waitForScreen { $0.contains(server.url) }
        try dashboard.send("VOLUME_CREATE", "name=refusedvol")
        server.waitForRequests(1)
        try tmux.send("Tab", "Enter")
        let expected = ["auth         none", "events       VOLUME_*", "given up 1", "#1  VOLUME_CREATE "]
        let view = try tmux.waitForScreen { screen in
            screen.contains("WEBHOOK \(server.url)") && screen.contains("VOLUME_CREATE") && screen.contains("refused: HTTP 422")
                && expected.allSatisfy { screen.contains($0) }
        }
        for text in expected {
            #expect(view.contains(text), "missing \(text) in\n\(view)")
        }
        server.behave(.answer(status: 200))
        try tmux.send("r")
        let redelivered = try tmux.waitForScreen { $0.contains("✓ redelivered: HTTP 200") && $0.contains("WEBHOOK \(server.url)") }
        #expect(server.requests.last?.sequence == 1)
        #expect(server.requests.last?.body.contains(#""name": "refusedvol""#) == true)
        #expect(redelivered.contains("WEBHOOK \(server.url)"), "\(redelivered)")
        try tmux.send("Escape")
        let back = try tmux.waitForScreen { $0.contains("▶ WEBHOOKS") && !$0.contains("GIVEN UP (newest first") }
        #expect(!back.contains("GIVEN UP (newest first"), "\(back)")
        // The event's detail view tells the same story, from the given-up log.
        try tmux.send("BTab", "Enter")
        try tmux.waitForScreen { $0.contains("EVENT #1  VOLUME_CREATE") && $0.contains("\(server.url)  given up, then redelivered: HTTP 200") }
        try tmux.send("q")
    }

    @Test func configEditsInPlaceAndSharedFileChangesShowUp() throws {
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        try tmux.send("BTab", "BTab")  // past the health pane, last in Tab's order
        try tmux.waitForScreen { $0.contains("▶ CONFIG") }
        // Port: a bad value is refused, a good one saved with what it means.
        try tmux.send("Enter", "C-u")
        try dashboard.type("70000")
        try tmux.send("Enter")
        try tmux.waitForScreen { $0.contains("port must be a whole number from 1 to 65535") }
        try tmux.send("C-u")
        try dashboard.type("56100")
        try tmux.send("Enter")
        let saved = try tmux.waitForScreen { $0.contains("port 56100 saved") && $0.contains("gluster's daemons always send to 55555") }
        #expect(saved.contains("gluster's daemons always send to 55555"), "\(saved)")
        #expect(dashboard.workdir.json("config.json")?["port"] as? Int == 56100)
        // The events log toggles with Enter.
        try tmux.send("Down", "Down", "Enter")
        try tmux.waitForScreen { $0.contains("events log is now off") }
        #expect(dashboard.workdir.json("config.json")?["disable-events-log"] as? Bool == true)
        // gluster-eventsapi (here: the CLI) changes the same file: the pane shows it within a second.
        try Eventsdash.run(["config-set", "--workdir", dashboard.workdir.path, "log-level", "DEBUG"])
        let changed = try tmux.waitForScreen(timeout: 3) { $0.contains("log-level  DEBUG") }
        #expect(changed.contains("log-level  DEBUG"))
        try tmux.send("q")
    }

    @Test func theMouseSelectsAndScrolls() throws {
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        for n in 1...5 { try dashboard.send("VOLUME_START", "n=\(n)") }
        try tmux.waitForScreen { $0.contains("n=5") }
        // X10 mouse reports, as the terminal sends them: ESC [ M, button+32, column+33, row+33.
        // A double click on the first event row (screen row 4) opens it.
        let press = "\u{1B}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(33 + 5)) + String(UnicodeScalar(33 + 4))
        let release = "\u{1B}[M" + String(UnicodeScalar(35)) + String(UnicodeScalar(33 + 5)) + String(UnicodeScalar(33 + 4))
        try dashboard.type(press + release + press + release)
        try tmux.waitForScreen { $0.contains("EVENT #1  VOLUME_START") }
        try tmux.send("Escape")
        // The wheel scrolls (and so pauses) the events pane.
        try dashboard.type("\u{1B}[M" + String(UnicodeScalar(96)) + String(UnicodeScalar(33 + 5)) + String(UnicodeScalar(33 + 10)))
        try tmux.waitForScreen { $0.contains("EVENTS  PAUSED") }
        try tmux.send("q")
    }

    @Test func wideCharactersKeepTheirColumns() throws {
        // Without LANG the dashboard still measures and shows UTF-8 (it falls back to C.UTF-8).
        let dashboard = try Dashboard(environment: "env -u LANG -u LC_ALL -u LC_CTYPE")
        let wide = String(repeating: "日本語", count: 30)  // 180 columns: must be cut, not wrapped
        try dashboard.send("VOLUME_CREATE", "name=\(wide)")
        try dashboard.send("VOLUME_START", "name=after")
        func rows(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        func wideRow(_ lines: [String]) -> Int? { lines.firstIndex { $0.contains("name=日本語") } }
        func fieldsColumn(_ line: String) -> Int? { line.range(of: "name=")?.lowerBound.utf16Offset(in: line) }
        /// Both rows drawn and every check below true (a capture can catch a frame half drawn).
        func bothRows(_ screen: String) -> Bool {
            let lines = rows(screen)
            guard let index = wideRow(lines), index + 1 < lines.count else { return false }
            return (lines[index].hasSuffix("…") || lines[index].hasSuffix("… ")) && lines[index + 1].contains("VOLUME_START")
                && fieldsColumn(lines[index]) == fieldsColumn(lines[index + 1])
        }
        let screen = try dashboard.tmux.waitForScreen { $0.contains("name=after") && bothRows($0) }
        let lines = rows(screen)
        let index = try #require(wideRow(lines), "\(screen)")
        #expect(lines[index].hasSuffix("…") || lines[index].hasSuffix("… "), "\(screen)")
        #expect(lines[index + 1].contains("VOLUME_START"), "\(screen)")  // the next row is where it belongs
        // Fields start in the same column on both rows.
        #expect(fieldsColumn(lines[index]) == fieldsColumn(lines[index + 1]), "\(screen)")
        try dashboard.tmux.send("q")
    }

    @Test func aCrashStillGivesTheTerminalBack() throws {
        let dashboard = try Dashboard(environment: "SWIFT_BACKTRACE=enable=no")
        let pid = try #require(
            dashboard.workdir.read("engine.lock").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        kill(pid, SIGSEGV)
        let after = try dashboard.tmux.waitForScreen { $0.contains("EXITED") }
        #expect(after.contains("EXITED 139"))  // died of the signal, as a crash would…
        #expect(!after.contains("eventsdash  UDP"))  // …but the terminal's own screen is back
        #expect(try dashboard.tmux.capture(escapes: true).contains("EXITED 139"))
    }
}
