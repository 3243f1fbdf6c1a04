import Foundation
import Testing
import TestSupport

/// The dashboard's health, in a real terminal: gluster's real datagrams turn a volume DEGRADED in
/// the header and list the brick in the health pane, whose keys mute it and show its events; the
/// brick coming back clears it.
@Suite struct DashboardHealthTests {
    @Test func aBrickDownShowsInTheHeaderAndThePaneIsMutedAndClears() throws {
        // Not the machine's gluster CLI; colours on (the test runner sets NO_COLOR).
        let dashboard = try DashboardInteractionTests.Dashboard(environment: "env -u NO_COLOR", arguments: "--cluster-poll-interval 0")
        let tmux = dashboard.tmux
        let datagrams = try Fixtures.datagrams(Fixtures.brickFailures)
        func datagram(_ suffix: String) throws -> String { try #require(datagrams.first { $0.hasSuffix(suffix) }) }
        let b1 = "peer=vm;volume=gv0;brick=/bricks/gv0/b1"
        for text in [datagrams[0], try datagram(" 3 name=gv0;force=0"), try datagram(" 76 " + b1)] {
            sendRaw(text, port: dashboard.port)
        }

        // The header, the pane's title and its row (a capture can catch a frame half drawn).
        func brickRow(_ screen: String) -> Bool {
            dashboard.line(containing: "brick down: vm:/bricks/gv0/b1", in: screen)?.contains(" warning ") == true
        }
        let degraded = try tmux.waitForScreen {
            $0.contains(" WARNING  gv0 DEGRADED: 1/3 bricks down") && $0.contains("HEALTH  WARNING  1 problem") && brickRow($0)
        }
        #expect(degraded.contains(" WARNING  gv0 DEGRADED: 1/3 bricks down"), "\(degraded)")
        #expect(degraded.contains("HEALTH  WARNING  1 problem"), "\(degraded)")
        #expect(brickRow(degraded), "\(degraded)")
        #expect(try tmux.capture(escapes: true).contains("\u{1B}[33mgv0 DEGRADED"))  // yellow

        // Muted for 30 minutes: the status is OK again, the row says until when.
        try tmux.send("BTab")  // Shift-Tab: from the events to the health pane
        try tmux.waitForScreen { $0.contains("▶ HEALTH") }
        try tmux.send("m")
        try tmux.waitForScreen { $0.contains("mute brick-down/vm:/bricks/gv0/b1 for: 1h") }
        try tmux.send("C-u")
        try dashboard.type("30m")
        try tmux.send("Enter")
        let muted = try tmux.waitForScreen {
            $0.contains("muted brick-down/vm:/bricks/gv0/b1 until") && $0.contains(" OK (1 muted)  gv0 DEGRADED")
        }
        #expect(muted.contains(" OK (1 muted)  gv0 DEGRADED"), "\(muted)")
        #expect(muted.contains("muted brick-down/vm:/bricks/gv0/b1 until"), "\(muted)")
        let decisions = dashboard.workdir.json("health-decisions.json")
        #expect((decisions?["mutes"] as? [String: Any])?["brick-down/vm:/bricks/gv0/b1"] != nil)

        // Enter: the brick's events; Esc: every event again.
        try tmux.send("Enter")
        let filtered = try tmux.waitForScreen {
            $0.contains("filter: vm /bricks/gv0/b1  (Esc clears)") && $0.contains("▶ EVENTS")
                && dashboard.line(containing: "BRICK_DISCONNECTED", in: $0) != nil
        }
        #expect(filtered.contains("▶ EVENTS"), "\(filtered)")
        #expect(dashboard.line(containing: "BRICK_DISCONNECTED", in: filtered) != nil, "\(filtered)")
        try tmux.send("Escape")
        try tmux.waitForScreen { $0.contains("filter cleared") }

        // The brick comes back.
        sendRaw(try datagram(" 77 " + b1), port: dashboard.port)
        let cleared = try tmux.waitForScreen { $0.contains("HEALTH  OK  no open problem") && $0.contains(" OK  gv0 UP") }
        #expect(cleared.contains(" OK  gv0 UP"), "\(cleared)")

        // H from the health pane: the history, the brick's outage in it.
        try tmux.send("BTab")
        try tmux.waitForScreen { $0.contains("▶ HEALTH") }
        try tmux.send("H")
        let history = try tmux.waitForScreen {
            $0.contains("HEALTH HISTORY  1 resolved") && (dashboard.line(containing: "brick down: vm:/bricks/gv0/b1", in: $0) ?? "").contains("event / event")
        }
        #expect(dashboard.line(containing: "brick down: vm:/bricks/gv0/b1", in: history)?.contains("warning") == true, "\(history)")
        try tmux.send("Escape")
        try tmux.waitForScreen { !$0.contains("HEALTH HISTORY") }
        try tmux.send("q")
    }
}
