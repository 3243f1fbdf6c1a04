import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// What the security review sent the dashboard, in a real terminal.
@Suite struct DashboardHostileInputTests {
    /// Row 4: the datagram `9223372036854775807 1 k=v`, then Enter on it: "arithmetic overflow",
    /// SIGILL, the engine gone. Its detail view now opens, and the engine goes on receiving.
    @Test func anEventFromTheEndOfTimeOpensInFull() throws {
        let dashboard = try DashboardInteractionTests.Dashboard()
        let tmux = dashboard.tmux
        sendRaw("9223372036854775807 1 k=v", port: dashboard.port)
        try tmux.waitForScreen { $0.contains("PEER_DETACH") }
        try tmux.send("Enter")
        let detail = try tmux.waitForScreen { $0.contains("EVENT #1") && $0.contains("(ts 9223372036854775807)") }
        #expect(detail.contains("(ts 9223372036854775807)"))
        try tmux.send("Escape")
        try dashboard.send("VOLUME_CREATE", "name=after")
        let after = try tmux.waitForScreen { $0.contains("name=after") }
        #expect(!after.contains("EXITED"))
    }

    /// A limit reached shows in the header, in the warning colour, by name and count.
    @Test func aLimitReachedShowsInTheHeader() throws {
        let httpPort = freeTCPPortForLater()
        let dashboard = try DashboardInteractionTests.Dashboard(
            arguments: "--listen-http 127.0.0.1:\(httpPort) --http-max-connections 1")
        let kept = try RawTCP(port: httpPort, timeout: 2)
        let refused = try RawTCP(port: httpPort, timeout: 2)
        #expect(refused.isClosedByPeer())
        let screen = try dashboard.tmux.waitForScreen { $0.contains("⚠ limits http_connection_limit 1") }
        #expect(screen.contains("⚠ limits http_connection_limit 1"))
        _ = kept
    }
}
