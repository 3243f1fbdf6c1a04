@testable import Dashboard
import EventsEngine
import GlusterEvents
import Foundation
import Testing
import WebhookDelivery

@Suite struct LayoutAndFormatTests {
    @Test func theLayoutFillsTheScreenWithoutOverlaps() throws {
        let layout = try #require(DashboardLayout(rows: 40, columns: 120, webhookCount: 3))
        let events = try #require(layout.region(of: EventsPane.self))
        let webhooks = try #require(layout.region(of: WebhooksPane.self))
        let config = try #require(layout.region(of: ConfigPane.self))
        let health = try #require(layout.region(of: HealthPane.self))
        #expect(health == Region(top: 3, left: 0, height: 1, width: 120))  // its title: nothing is wrong
        #expect(events.top == 4)
        #expect(events.top + events.height == webhooks.top)
        #expect(webhooks.top + webhooks.height == layout.keyBar)
        #expect(layout.keyBar == 39)
        #expect(webhooks.width + 1 + config.width == 120)
        #expect(layout.rules == [Region(top: webhooks.top, left: webhooks.width, height: webhooks.height, width: 1)])
        #expect(config.body.height >= ConfigItem.allCases.count - 2)  // the last two scroll into view
        #expect(webhooks.body.height - 1 >= 3)  // below the column names
    }

    /// Issue 15: the config pane stayed 48 columns wide at any width, its paths cut.
    @Test func aWideScreenGivesTheConfigPaneRoomForItsPaths() throws {
        let wide = try #require(DashboardLayout(rows: 40, columns: 220, webhookCount: 1)?.region(of: ConfigPane.self))
        #expect(wide.width == 61)  // 28%
        let surface = TestSurface(rows: 10, columns: wide.width)
        ConfigPane().draw(on: surface, focused: false, DashboardFixture().frame(columns: 220))
        #expect(surface.text.contains("/w/webhooks.json") && !surface.text.contains("…"))
    }

    @Test func manyWebhooksTakeAtMostAThirdOfTheScreen() throws {
        let layout = try #require(DashboardLayout(rows: 60, columns: 200, webhookCount: 100))
        #expect(layout.region(of: WebhooksPane.self)?.height == 20)
        #expect((layout.region(of: EventsPane.self)?.body.height ?? 0) - 1 >= 30)
    }

    @Test func tooSmallIsRefused() {
        #expect(DashboardLayout(rows: 17, columns: 120, webhookCount: 0) == nil)
        #expect(DashboardLayout(rows: 40, columns: 59, webhookCount: 0) == nil)
        #expect(DashboardLayout(rows: 18, columns: 60, webhookCount: 0) != nil)
        #expect(DashboardLayout.tooSmallMessage == "too small: need 60×18")
    }

    @Test func sparklineScalesToThePeakAndShowsQuietSeconds() {
        var history = EventRateHistory()
        history.record(total: 0, at: 100)
        history.record(total: 800, at: 101)
        history.record(total: 800, at: 102)
        history.record(total: 900, at: 103)
        #expect(history.rates == [800, 0, 100])
        #expect(history.current == 100)
        #expect(history.sparkline(width: 5) == "  █ ▆")  // log-scaled: 100 is most of 800
        history.record(total: 1300, at: 107)  // four seconds in one go share the difference
        #expect(history.rates.suffix(4) == [100, 100, 100, 100])
        history.record(total: 1300, at: 1000)
        #expect(history.rates.count == EventRateHistory.seconds)
    }

    /// Issue 15: on a linear scale every second below an eighth of a burst's peak was `▁`.
    @Test func theSparklineIsLogScaledSoQuietSecondsAfterABurstStayReadable() {
        var history = EventRateHistory()
        var total = 0
        history.record(total: total, at: 0)
        for (second, rate) in [10_000, 1_000, 100, 10, 1, 0, 1].enumerated() {
            total += rate
            history.record(total: total, at: second + 1)
        }
        #expect(history.sparkline(width: 8) == " █▇▅▃▁ ▁")
        var quiet = EventRateHistory()  // 1/s at most: full height, an idle second still blank
        for (second, total) in [0, 1, 1, 2].enumerated() { quiet.record(total: total, at: second) }
        #expect(quiet.sparkline(width: 3) == "█ █")
    }

    @Test func figuresReadWell() {
        #expect(DashboardFormat.count(1_234_567) == "1,234,567")
        #expect(DashboardFormat.count(999) == "999")
        #expect(DashboardFormat.millis(0.84) == "0.8ms")
        #expect(DashboardFormat.millis(12.4) == "12ms")
        #expect(DashboardFormat.millis(1500) == "1.5s")
        #expect(ByteCount.text(512) == "512 B")
        #expect(ByteCount.text(3 * 1024 * 1024) == "3.0 MiB")
    }

    @Test func cellsCutTextToTheWidthKeepingPathEnds() {
        setlocale(LC_CTYPE, "C.UTF-8")  // as the dashboard does (from the environment) before measuring
        #expect(Cell.fit("abcdef", 4) == "abc…")
        #expect(Cell.fit("ab", 4) == "ab  ")
        #expect(Cell.fit("/var/lib/glusterd/events/webhooks.json", 16, keepingEnd: true) == "…s/webhooks.json")
        #expect(Cell.fit("日本語", 4) == "日… ")  // wide characters count two columns
        // URLs are cut in the middle: their host and their path both tell webhooks apart.
        #expect(Cell.fitMiddle("http://127.0.0.1:52859/strict-receiver", 21) == "http://127…t-receiver")
        #expect(Cell.fitMiddle("http://a/b", 21) == "http://a/b           ")
        #expect(Cell.width(of: "日本") == 4)
    }

    @Test func webhookRowsNeverShowTokensOrSecrets() {
        var health = WebhookHealth()
        health.delivered = 1234
        health.p50LatencyMillis = 1.25
        let cells = [
            WebhookColumns.Cells(Webhook(url: "http://h/x", token: "TOKEN-VALUE"), health: health, ping: nil),
            WebhookColumns.Cells(Webhook(url: "http://h/y", secret: "SECRET-VALUE"), health: health, ping: nil),
            WebhookColumns.Cells(
                Webhook(url: "http://h/x"), health: health,
                ping: .done(HTTPOutcome(status: nil, error: "Couldn't connect to server", latencySeconds: 0.002))),
        ]
        let columns = WebhookColumns(width: 120, rows: cells)
        let (bearer, jwt, pinged) = (columns.row(cells[0]), columns.row(cells[1]), columns.row(cells[2]))
        #expect(!bearer.contains("TOKEN-VALUE") && bearer.contains("token"))
        #expect(!jwt.contains("SECRET-VALUE") && jwt.contains("jwt"))
        #expect(bearer.contains("1,234") && bearer.contains("1.2ms"))
        #expect(Cell.width(of: bearer) == 120)
        #expect(pinged.contains("ping Couldn't connect to server in 2.0"))  // LAST takes what the columns leave
    }

    /// Issue 15: QUEUE showed `154,59` for a backlog of 154,831, its last digit cut.
    @Test func webhookCountColumnsFitTheirLargestFigures() throws {
        var busy = WebhookHealth()
        (busy.delivered, busy.failed, busy.backlog) = (12_345_678, 1_000_000, 154_831)
        busy.p99LatencyMillis = 1_234_567  // 20 minutes: 1234.6s
        var quiet = WebhookHealth()
        (quiet.delivered, quiet.failed, quiet.backlog) = (7, 0, 3)
        let cells = [
            WebhookColumns.Cells(Webhook(url: "http://busy/"), health: busy, ping: nil),
            WebhookColumns.Cells(Webhook(url: "http://quiet/"), health: quiet, ping: nil),
        ]
        let columns = WebhookColumns(width: 120, rows: cells)
        let header = columns.header
        let rows = cells.map(columns.row)
        let words = rows[0].split(separator: " ")
        #expect(words.contains("154,831") && words.contains("12.3M") && words.contains("1.0M") && words.contains("1234.6s"))
        // Each figure ends where its column does (a space before the next column's name), in every row.
        func start(_ title: String) throws -> Int { try #require(header.range(of: " \(title) ")).lowerBound.utf16Offset(in: header) }
        for (title, next, busyValue, quietValue) in [
            ("SENT", "FAILED", "12.3M", "7"), ("FAILED", "GIVEN UP", "1.0M", "0"), ("QUEUE", "BEHIND", "154,831", "3"),
        ] {
            let end = try start(next)
            #expect(try start(title) < end - Cell.width(of: busyValue))
            #expect(rows[0].prefix(end).hasSuffix(" " + busyValue), "\(title)")
            #expect(rows[1].prefix(end).hasSuffix(" " + quietValue), "\(title)")
        }
        #expect(rows.allSatisfy { Cell.width(of: $0) == 120 })
    }

    /// Triage columns: how many were given up and how long the oldest waiting event has waited.
    @Test func webhookRowsShowGivenUpAndHowFarBehind() {
        var health = WebhookHealth()
        (health.givenUp, health.backlog, health.behindSeconds) = (4, 27_557, 754)
        let cells = [WebhookColumns.Cells(Webhook(url: "http://h/x"), health: health, ping: nil)]
        let columns = WebhookColumns(width: 120, rows: cells)
        #expect(columns.header.contains("FAILED GIVEN UP QUEUE  BEHIND"))
        #expect(columns.row(cells[0]).contains("      0        4 27,557    12m"))
    }

    /// An attached dashboard reads these figures from the engine's status file: a number no clock
    /// gives must not trap.
    @Test func hostileBehindFiguresDoNotTrap() {
        for behind in [1e300, -5, .infinity, .nan] {
            var health = WebhookHealth()
            health.behindSeconds = behind
            let cells = [WebhookColumns.Cells(Webhook(url: "http://h/x"), health: health, ping: nil)]
            #expect(Cell.width(of: WebhookColumns(width: 120, rows: cells).row(cells[0])) == 120)
        }
    }

    /// Issue 15: at 80 columns URLs lost their host. The columns the webhook view shows anyway go first.
    @Test func aNarrowTerminalKeepsTheURLsHostAndLeavesOutTheLatencies() {
        var health = WebhookHealth()
        health.lastError = "Failed to connect to 10.0.0.7 port 9000: Connection refused"
        let cells = [WebhookColumns.Cells(Webhook(url: "https://alerts.example.com:8443/gluster/events"), health: health, ping: nil)]
        let narrow = WebhookColumns(width: 80, rows: cells)
        #expect(!narrow.header.contains("P50") && !narrow.header.contains("P99") && !narrow.header.contains("AUTH"))
        #expect(narrow.header.contains("GIVEN UP") && narrow.header.contains("BEHIND"))
        #expect(narrow.row(cells[0]).hasPrefix(" alerts.example.com:8443/glus…events "))
        let wide = WebhookColumns(width: 200, rows: cells)
        #expect(wide.header.contains("P50") && wide.header.contains("AUTH"))
        #expect(wide.row(cells[0]).contains("https://alerts.example.com:8443/gluster/events"))
        #expect(wide.row(cells[0]).contains("Connection refused"))
    }

    @Test func compactCountsAreExactBelowAMillionAndNeverRoundedUp() {
        #expect(DashboardFormat.compactCount(154_831) == "154,831")
        #expect(DashboardFormat.compactCount(999_999) == "999,999")
        #expect(DashboardFormat.compactCount(1_000_000) == "1.0M")
        #expect(DashboardFormat.compactCount(1_299_999) == "1.2M")
        #expect(DashboardFormat.compactCount(99_999_999) == "99.9M")
        #expect(DashboardFormat.compactCount(154_831_000) == "154M")
        #expect(DashboardFormat.compactCount(999_999_999) == "999M")
        #expect(DashboardFormat.compactCount(2_100_000_000) == "2.1G")
        #expect(DashboardFormat.compactCount(-3_500_000) == "-3.5M")
        #expect(DashboardFormat.compactCount(Int.max) == "9.2E")
        #expect(DashboardFormat.compactCount(Int.min) == "-9.2E")
    }

    @Test func theHeaderNamesTheNodesHeardFrom() {
        let local = "4c10a802-8828-4a11-b79a-1ba06a18f9c0"
        var nodes = [local: NodeStatus(name: "vm", events: 0, lastEventAtMillis: nil)]
        #expect(DashboardFormat.nodes(nodes, local: local, nowMillis: 100_000) == "node vm")
        nodes[local] = NodeStatus(name: "vm", events: 1204, lastEventAtMillis: 99_000)
        nodes["77aa0000-0000-0000-0000-000000000000"] = NodeStatus(name: nil, events: 310, lastEventAtMillis: 40_000)
        nodes["88bb0000-0000-0000-0000-000000000000"] = NodeStatus(name: "quiet", events: 0, lastEventAtMillis: nil)
        #expect(DashboardFormat.nodes(nodes, local: local, nowMillis: 100_000) == "nodes vm 1,204 1s · 77aa0000 310 1m")
        #expect(DashboardFormat.age(seconds: 7_200) == "2h" && DashboardFormat.age(seconds: 200_000) == "2d")
    }
}
