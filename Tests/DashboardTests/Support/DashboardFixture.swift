import ClusterHealth
@testable import Dashboard
import EventLog
@testable import EventsEngine
import Foundation
import GlusterEvents
import GlusterHost
import WebhookDelivery

/// What a dashboard shows, without an engine: a few events, two webhooks (one failing, one
/// healthy), the default config, the files of workdir `/w`, no health report (set `health`).
struct DashboardFixture {
    static let nodeID = "4c10a802-8828-4a11-b79a-1ba06a18f9c0"

    var webhooks = [Webhook(url: "http://a/1", token: "TOKEN-VALUE"), Webhook(url: "http://b/2", secret: "SECRET-VALUE")]
    var status = EngineStatus.placeholder(port: 55555)
    var config = try! EventsConfig(defaults: nil, defaultsPath: "-", overrides: nil, overridesPath: "-")
    var events = RecentEvents()
    /// The durable log before the events held (none unless a test sets it).
    var history: EventLogHistory?
    var givenUp: [GivenUpLog.Entry] = []
    var health = HealthReport.empty
    private let rowCache = EventRowCache()
    private let wholeEvents = WholeEventCache()
    let countedEvents = CountedEvents()

    init() {
        status.listen = ["127.0.0.1:55555"]
        status.nodeID = Self.nodeID
        var failing = WebhookHealth()
        failing.state = .failing
        failing.failed = 7
        failing.lastError = "HTTP 503"
        var healthy = WebhookHealth()
        healthy.state = .healthy
        healthy.delivered = 1234
        status.webhooks = ["http://a/1": failing, "http://b/2": healthy]
        add("VOLUME_CREATE", ["name": "gv0"])
        add("BRICK_DISCONNECTED", ["brick": "/b1", "volume": "gv0"])
        add("VOLUME_START", ["name": "gv0"])
    }

    /// Logs an event (sequences count from 1), received at the fixture's clock or `secondsAgo`.
    func add(_ name: String, _ fields: [String: String], secondsAgo: Int64 = 0) {
        let body = try! JSONSerialization.data(
            withJSONObject: ["event": name, "message": fields, "nodeid": Self.nodeID, "ts": 1_700_000_000],
            options: .sortedKeys)
        let event = ReceivedEvent(
            name: name, timestamp: 1_700_000_000, body: String(decoding: body, as: UTF8.self), source: "127.0.0.1:40000",
            receivedAtMillis: 1_700_000_000_000 - secondsAgo * 1000)
        events.append([event], firstSequence: (events.sequences?.upperBound ?? 0) + 1)
    }

    var data: DashboardData {
        DashboardData(
            status: status, health: health, webhooks: webhooks, config: config, files: StateLayout.resolve(workdir: "/w"),
            portOverridden: false, attachedPID: nil, logUsage: EventLogUsage(directory: "/nonexistent"), pings: [:],
            rates: EventRateHistory(), now: Date(timeIntervalSince1970: 1_700_000_000), events: events, history: history,
            logOldest: history?.oldestSequence, rowCache: rowCache,
            wholeEvents: wholeEvents, countedEvents: countedEvents, givenUp: givenUp, deliveries: { _, _ in [:] })
    }

    func frame(rows: Int = 40, columns: Int = 120, filter: FilteredEvents? = nil, search: EventFilter? = nil) -> Frame {
        Frame(data: data, layout: layout(rows: rows, columns: columns)!, filter: filter, search: search)
    }

    /// The key context the dashboard would pass for this data.
    func keys(rows: Int = 40, columns: Int = 120, state: DashboardState = DashboardState()) -> KeyContext {
        KeyContext(
            rows: state.rows(held: data.reachable), webhooks: webhooks, config: config,
            layout: layout(rows: rows, columns: columns), givenUp: givenUp, problems: health.problems,
            event: { [events] in events.entries(from: $0, count: 1).first })
    }

    /// The layout the dashboard would use for this data.
    func layout(rows: Int = 40, columns: Int = 120) -> DashboardLayout? {
        DashboardLayout(rows: rows, columns: columns, webhookCount: webhooks.count, problemCount: health.problems.count)
    }

    /// The whole frame `state` shows, as the terminal would.
    func screen(_ state: DashboardState, rows: Int = 40, columns: Int = 120) -> TestSurface {
        let surface = TestSurface(rows: rows, columns: columns)
        DashboardView.draw(on: surface, state: state, data: data)
        return surface
    }

    /// `pane` drawn alone, with its title, in its region of a `rows`×`columns` screen.
    func draw(
        _ pane: any Pane, focused: Bool = true, rows: Int = 40, columns: Int = 120, filter: FilteredEvents? = nil,
        search: EventFilter? = nil
    ) -> TestSurface {
        let frame = frame(rows: rows, columns: columns, filter: filter, search: search)
        let index = DashboardLayout.panes.firstIndex { type(of: $0.pane) == type(of: pane) }!
        let region = frame.layout.regions[index]
        let surface = TestSurface(rows: region.height, columns: region.width)
        pane.title(frame).draw(on: surface, focused: focused)
        pane.draw(on: surface.clipped(to: Region(top: 1, left: 0, height: region.height - 1, width: region.width)), focused: focused, frame)
        return surface
    }
}

extension Reaction {
    var command: DashboardState.Command? { if case .command(let command) = self { command } else { nil } }
    var opened: (any Overlay)? { if case .open(let overlay) = self { overlay } else { nil } }
    var said: String? { if case .say(let text, _) = self { text } else { nil } }
    var closes: Bool { if case .close = self { true } else { false } }
}
