import EventLog
import EventsEngine
import Foundation
import GlusterEvents

/// The full-screen dashboard over a running engine. One loop on the calling thread reads keys,
/// gathers what the engine knows, and redraws only when something changed (at most ~30 frames a
/// second, one `doupdate` each); every curses call happens on this thread.
public enum DashboardApp {
    /// Runs until `q`, SIGINT, SIGTERM or SIGHUP, then gives the terminal back.
    public static func run(engine: Engine, colours: Bool) {
        let signals = TerminationSignals()
        let screen = Screen(colours: colours)
        defer { screen.end() }
        let actions = DashboardActions(engine: engine)
        var state = DashboardState()
        var rates = EventRateHistory()
        var logUsage = EventLogUsage(directory: engine.options.layout.eventLogDirectory)
        var status = engine.status()
        var statusAt = Date.distantPast
        var lastFrame: FrameFingerprint? = nil
        while !signals.stopRequested {
            let key = screen.readKey()
            let now = Date()
            // The counters, /proc and the log directory are read at most ten times a second.
            if now.timeIntervalSince(statusAt) >= 0.1 || key != nil {
                let second = Int(now.timeIntervalSince1970)
                if second != Int(statusAt.timeIntervalSince1970) {
                    logUsage = EventLogUsage(directory: engine.options.layout.eventLogDirectory)
                }
                status = engine.status()
                rates.record(total: status.received, at: second)
                statusAt = now
            }
            for ping in actions.pings.takeFinished() {
                state.say("\(ping.url): \(PingResult.done(ping.outcome).summary)", isError: !ping.outcome.isSuccess)
            }
            var data = DashboardData(
                status: status, webhooks: engine.webhooks, config: engine.config, files: engine.options.layout,
                portOverridden: engine.options.port != nil,
                logUsage: logUsage, pings: actions.pings.snapshot, rates: rates, now: now,
                events: engine.recentEvents, deliveries: engine.deliveries(of:))
            let size = screen.size
            let layout = DashboardLayout(rows: size.rows, columns: size.columns, webhookCount: data.webhooks.count)
            var filterChanged = state.filter?.update(from: data.events) ?? false
            if let key {
                let context = DashboardState.Context(
                    rows: state.rows(held: data.events.sequences),
                    eventsHeight: layout?.events.contentHeight(columnNames: true) ?? 1, webhooks: data.webhooks,
                    config: data.config, layout: layout)
                let filterBefore = state.filter?.filter
                if let command = state.handle(key, context) {
                    if command == .quit { break }
                    actions.perform(command, state: &state)
                    data.webhooks = engine.webhooks
                    data.config = engine.config
                    data.pings = actions.pings.snapshot
                }
                if state.filter?.filter != filterBefore { filterChanged = state.filter?.update(from: data.events) ?? true }
            }
            let frame = FrameFingerprint(
                generation: data.events.generation, second: Int(now.timeIntervalSince1970), rows: size.rows,
                columns: size.columns, status: status, webhooks: data.webhooks, config: data.config, pings: data.pings)
            guard key != nil || filterChanged || frame != lastFrame else { continue }
            lastFrame = frame
            DashboardView.draw(on: screen, state: state, data: data)
            screen.show()
        }
    }

    /// What the data side of a frame depends on: nothing is drawn while it and the state stay the same.
    private struct FrameFingerprint: Equatable {
        var generation: UInt64
        var second: Int
        var rows: Int
        var columns: Int
        var status: EngineStatus
        var webhooks: [Webhook]
        var config: EventsConfig
        var pings: [String: PingResult]
    }
}
