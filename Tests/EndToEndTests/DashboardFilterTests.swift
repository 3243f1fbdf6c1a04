import Foundation
import GlusterEvents
import Testing
import TestSupport

/// The filter language and search in a real terminal, over thousands of held events.
@Suite struct DashboardFilterTests {
    typealias Dashboard = DashboardInteractionTests.Dashboard

    /// Issue 15 defect 6: `G Enter` typed right after applying a filter opened an old event, the
    /// scan not being done. Also: an OR list, an error that keeps the prompt open, search.
    @Test func keysTypedWhileAFilterScansActOnItsWholeResult() throws {
        let dashboard = try Dashboard(columns: 160)
        let tmux = dashboard.tmux
        let now = Int(Date().timeIntervalSince1970)
        let (set, brick) = (EventCatalog.number(of: "VOLUME_SET")!, EventCatalog.number(of: "BRICK_DISCONNECTED")!)
        for index in 1...6000 {
            let text =
                index == 5990 ? "\(now) \(brick) peer=vm9;volume=gv1;brick=/last-match"
                : index % 500 == 0 && index < 5990 ? "\(now) \(brick) peer=vm1;volume=gv0;brick=/b\(index)"
                : "\(now) \(set) name=gv\(index % 7);options=a,b"
            sendRaw(text, port: dashboard.port)
            if index % 500 == 0 { usleep(2000) }
        }
        let held = try tmux.waitForScreen(timeout: 20) { $0.contains("6,000 held") }
        #expect(held.contains("6,000 held"))

        try tmux.send("/")
        try dashboard.type("evnt:BRICK_*")
        try tmux.send("Enter")
        let refused = try tmux.waitForScreen { $0.contains(" filter: evnt:BRICK_*") && $0.contains("evnt: is not a filter word: say event:") }
        #expect(refused.contains(" filter: evnt:BRICK_*") && refused.contains("evnt: is not a filter word: say event:"), "\(refused)")
        try tmux.send("C-u")
        try dashboard.type("event:QUORUM_LOST,BRICK_*,VOLUME_SET -name=gv*")  // every event decoded
        try tmux.send("Enter", "G", "Enter")  // at once, while the filter scans
        let detail = try tmux.waitForScreen { $0.contains("brick") && $0.contains("Esc back") && $0.contains("/last-match") }
        #expect(detail.contains("/last-match"), "\(detail)")
        try tmux.send("Escape")
        let filter = "filter: event:QUORUM_LOST,BRICK_*,VOLUME_SET -name=gv*"
        let filtered = try tmux.waitForScreen { $0.contains("12 of 6,000") && $0.contains(filter) }
        #expect(filtered.contains(filter), "\(filtered)")

        // Search hides nothing: Enter selects the nearest match above, N the one above that.
        try tmux.send("s")
        try dashboard.type("volume:gv0")
        try tmux.send("Enter", "N", "Enter")
        let found = try tmux.waitForScreen { $0.contains("Esc back") && $0.contains("/b5000") }
        #expect(found.contains("/b5000"), "\(found)")  // the search selected /b5500, N the match above it
        try tmux.send("Escape")
        let searched = try tmux.waitForScreen { $0.contains("search: volume:gv0  (n N)") && $0.contains("12 of 6,000") }
        #expect(searched.contains("search: volume:gv0  (n N)") && searched.contains("12 of 6,000"), "\(searched)")
    }
}
