import Foundation
import Testing
import TestSupport

/// Issue 15: the dashboard's history is the durable log, not only what it holds in memory.
@Suite struct DashboardHistoryTests {
    typealias Dashboard = DashboardInteractionTests.Dashboard

    @Test func scrollingAndJumpingReachEventsNoLongerHeld() throws {
        let dashboard = try Dashboard(arguments: "--recent-events 50")
        let tmux = dashboard.tmux
        for n in 1...300 { sendRaw("1700000000 2 name=vol\(n)", port: dashboard.port) }
        let held = try tmux.waitForScreen { $0.contains("name=vol300") && $0.contains("50 held, the log from #1") }
        #expect(held.contains("50 held, the log from #1"), "\(held)")

        try tmux.send("g")  // the oldest: the log's first event
        let oldest = try tmux.waitForScreen {
            ($0.contains("name=vol1\n") || $0.contains("name=vol1 ")) && $0.contains("— from the log") && $0.contains("↓ 275 more below")
        }
        #expect(oldest.contains("— from the log"), "\(oldest)")
        #expect(oldest.contains("↓ 275 more below"), "\(oldest)")  // 300, less the 25 in view
        try tmux.send("Enter")
        // (a capture may catch a frame half drawn, and a loaded machine is slow: wait for all of it)
        let detail = try tmux.waitForScreen(timeout: 30) { $0.contains("EVENT #1 ") && $0.contains(#""name": "vol1""#) }
        #expect(detail.contains(#""name": "vol1""#))
        try tmux.send("Escape")

        // A time before every event held: the log has it. (All arrived within a second or two.)
        try tmux.send("G")  // from the newest, so the jump has somewhere to go
        try tmux.send("@")
        try dashboard.type("1h")
        try tmux.send("Enter")
        let jumped = try tmux.waitForScreen { $0.contains("at 1h: #1") && $0.contains("name=vol1") && $0.contains("— from the log") }
        #expect(jumped.contains("at 1h: #1") && jumped.contains("name=vol1") && jumped.contains("— from the log"), "\(jumped)")
        try tmux.send("End")
        let following = try tmux.waitForScreen { $0.contains("events: following") && $0.contains("name=vol300") }
        #expect(following.contains("name=vol300"), "\(following)")
        try tmux.send("q")
    }

    /// The filter and the search reach the log too: a match only the log has is listed, counted
    /// out of every event reached, and `n`/`N` select it.
    @Test func filterAndSearchReachEventsNoLongerHeld() throws {
        let dashboard = try Dashboard(arguments: "--recent-events 50")
        let tmux = dashboard.tmux
        for n in 1...300 { sendRaw("1700000000 2 name=vol\(n)", port: dashboard.port) }
        let held = try tmux.waitForScreen { $0.contains("name=vol300") && $0.contains("50 held, the log from #1") }
        #expect(held.contains("50 held, the log from #1"), "\(held)")

        try tmux.send("/")
        try dashboard.type("name=vol7")  // #7, in the log only
        try tmux.send("Enter")
        // The scan done (the title says `, scanning N%` until it is) and the match drawn.
        let filtered = try tmux.waitForScreen {
            $0.contains("1 of 300") && ($0.contains("name=vol7 ") || $0.contains("name=vol7\n")) && !$0.contains("scanning")
        }
        #expect(filtered.contains("1 of 300"), "\(filtered)")
        #expect(filtered.contains("name=vol7 ") || filtered.contains("name=vol7\n"), "\(filtered)")
        #expect(!filtered.contains("scanning"), "\(filtered)")
        try tmux.send("Enter")
        let detail = try tmux.waitForScreen(timeout: 30) { $0.contains("EVENT #7 ") && $0.contains(#""name": "vol7""#) }
        #expect(detail.contains(#""name": "vol7""#), "\(detail)")
        try tmux.send("Escape")

        // A filter whose matches are in the log and held; the search selects one only the log has.
        try tmux.send("/")
        try tmux.send("C-u")
        try dashboard.type("name=vol1*")  // 1, 10–19, 100–199: 111, none held
        try tmux.send("Enter")
        let many = try tmux.waitForScreen { $0.contains("111 of 300") }
        #expect(many.contains("111 of 300"), "\(many)")
        try tmux.send("s")
        try dashboard.type("name=vol12")
        try tmux.send("Enter")
        let searched = try tmux.waitForScreen { $0.contains("search: name=vol12") }
        #expect(searched.contains("search: name=vol12"), "\(searched)")
        try tmux.send("N")  // none older: #12 stays selected
        let none = try tmux.waitForScreen { $0.contains("no event matches the search name=vol12 above") }
        #expect(none.contains("no event matches the search name=vol12 above"), "\(none)")
        try tmux.send("Enter")
        let found = try tmux.waitForScreen(timeout: 30) { $0.contains("EVENT #12 ") && $0.contains(#""name": "vol12""#) }
        #expect(found.contains(#""name": "vol12""#), "\(found)")
        try tmux.send("q")
    }
}
