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
        #expect(config.body.height >= ConfigItem.allCases.count)
        #expect(webhooks.body.height - 1 >= 3)  // below the column names
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
        #expect(history.sparkline(width: 5) == "  █ ▁")
        history.record(total: 1300, at: 107)  // four seconds in one go share the difference
        #expect(history.rates.suffix(4) == [100, 100, 100, 100])
        history.record(total: 1300, at: 1000)
        #expect(history.rates.count == EventRateHistory.seconds)
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
        let columns = WebhookColumns(width: 120, longestURL: 20)
        var health = WebhookHealth()
        health.delivered = 1234
        health.p50LatencyMillis = 1.25
        let bearer = columns.row(Webhook(url: "http://h/x", token: "TOKEN-VALUE"), health: health, ping: nil)
        let jwt = columns.row(Webhook(url: "http://h/y", secret: "SECRET-VALUE"), health: health, ping: nil)
        #expect(!bearer.contains("TOKEN-VALUE") && bearer.contains("token"))
        #expect(!jwt.contains("SECRET-VALUE") && jwt.contains("jwt"))
        #expect(bearer.contains("1,234") && bearer.contains("1.2ms"))
        #expect(Cell.width(of: bearer) == 120)
        let pinged = columns.row(
            Webhook(url: "http://h/x"), health: health,
            ping: .done(HTTPOutcome(status: nil, error: "Couldn't connect to server", latencySeconds: 0.002)))
        #expect(pinged.contains("ping Couldn't connect to server in 2.0ms"))
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
