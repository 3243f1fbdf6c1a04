import Foundation
import Testing
import TestSupport

/// Issue 15's counts view and copying an event out, in a real terminal.
@Suite struct DashboardCountsAndCopyTests {
    typealias Dashboard = DashboardInteractionTests.Dashboard

    @Test func theCountsViewCountsEventsSentAndFiltersToARow() throws {
        let dashboard = try Dashboard()
        let tmux = dashboard.tmux
        try dashboard.send("VOLUME_START", "name=cvol")
        try dashboard.send("BRICK_DISCONNECTED", "peer=vm", "volume=cvol", "brick=/b1")
        try dashboard.send("BRICK_DISCONNECTED", "peer=vm", "volume=cvol2", "brick=/b2")
        try dashboard.send("PEER_CONNECT", "host=h2")
        try tmux.waitForScreen { $0.contains("4 held") }
        try tmux.send("c")
        // cvol: named by name= (VOLUME_START) and by volume= (the brick); the header's health line names it too.
        func volumeRow(_ screen: String) -> Bool { screen.split(separator: "\n").contains { $0.hasPrefix("cvol ") && $0.contains("2  50.0%") } }
        func brickRow(_ screen: String) -> Bool { dashboard.line(containing: "BRICK_DISCONNECTED", in: screen)?.contains("2  50.0% ") == true }
        // The whole view drawn (a capture can catch a frame half drawn): every check below is in the condition.
        let counts = try tmux.waitForScreen {
            $0.contains("EVENT COUNTS  last 10 minutes") && $0.contains("4 events") && $0.contains("EVENTS PER") && $0.contains("cvol2")
                && brickRow($0) && volumeRow($0)
        }
        #expect(counts.contains("EVENT COUNTS  last 10 minutes") && counts.contains("4 events"), "\(counts)")
        #expect(brickRow(counts), "\(counts)")
        #expect(volumeRow(counts), "\(counts)")
        #expect(counts.contains("EVENTS PER"), "\(counts)")
        try tmux.send("4")
        try tmux.waitForScreen { $0.contains("every event held") }
        try tmux.send("Enter")  // the busiest type
        let filtered = try tmux.waitForScreen {
            $0.contains("filter: event:BRICK_DISCONNECTED") && $0.contains("2 of 4") && !$0.contains("EVENT COUNTS")
        }
        #expect(filtered.contains("filter: event:BRICK_DISCONNECTED") && filtered.contains("2 of 4"), "\(filtered)")
        #expect(!filtered.contains("EVENT COUNTS"), "\(filtered)")
    }

    @Test func wWritesTheEventsJSONToAFileAndAsksBeforeOverwriting() throws {
        let folder = TemporaryDirectory()
        folder.write("keep", to: "event-1.json")
        let dashboard = try Dashboard(environment: "cd \(folder.path) &&")
        let tmux = dashboard.tmux
        try dashboard.send("VOLUME_CREATE", "name=copyvol")
        try tmux.waitForScreen { $0.contains("copyvol") }
        try tmux.send("Enter")
        try tmux.waitForScreen { $0.contains("EVENT #1") && $0.contains("w write to file") }
        try tmux.send("w")
        let prompt = try tmux.waitForScreen { $0.contains("write event #1's JSON to: ./event-1.json") }
        #expect(prompt.contains("write event #1's JSON to: ./event-1.json"))
        try tmux.send("Enter")
        let asked = try tmux.waitForScreen { $0.contains("\(folder.path)/event-1.json exists.  y: overwrite it") }
        #expect(asked.contains("\(folder.path)/event-1.json exists.  y: overwrite it"), "\(asked)")
        try tmux.send("Escape")
        let kept = try tmux.waitForScreen { $0.contains("not written: \(folder.path)/event-1.json exists") && $0.contains("EVENT #1") }
        #expect(kept.contains("not written: \(folder.path)/event-1.json exists") && kept.contains("EVENT #1"), "\(kept)")
        #expect(folder.read("event-1.json") == "keep")
        try tmux.send("w")
        try tmux.waitForScreen { $0.contains("write event #1's JSON to:") }
        try tmux.send("Enter")
        try tmux.waitForScreen { $0.contains("y: overwrite it") }
        try tmux.send("y")
        let wrote = try tmux.waitForScreen { $0.contains("wrote #1's JSON to \(folder.path)/event-1.json") }
        #expect(wrote.contains("wrote #1's JSON to \(folder.path)/event-1.json"), "\(wrote)")
        let json = try #require(folder.json("event-1.json"))
        #expect(json["event"] as? String == "VOLUME_CREATE")
        #expect((json["message"] as? [String: Any])?["name"] as? String == "copyvol")
        #expect(json["nodeid"] is String && json["ts"] is Int)
    }
}
