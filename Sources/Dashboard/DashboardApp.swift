import ClusterHealth
import EventLog
import EventsEngine
import Foundation
import GlusterEvents
import WebhookDelivery

/// The full-screen dashboard over a running engine. One loop on the calling thread reads keys,
/// gathers what the engine knows, and redraws only when something changed (at most ~30 frames a
/// second, one `doupdate` each); every curses call happens on this thread.
public enum DashboardApp {
    /// How the dashboard ended.
    public enum Exit: Sendable, Equatable {
        case stopped
        /// The user chose to leave an `eventsdash serve` delivering the events that wait.
        case leaveServeRunning
    }

    /// Runs until `q`, SIGINT, SIGTERM or SIGHUP, then gives the terminal back.
    @discardableResult
    public static func run(engine: any EngineAccess, colours: Bool) -> Exit {
        let signals = TerminationSignals()
        let screen = Screen(colours: colours)
        defer { screen.end() }
        var loop = DashboardLoop(engine: engine, screen: screen)
        var key: Key? = nil  // the first frame is drawn at once
        var quietSteps = 0
        while !signals.stopRequested, let busy = loop.step(key: key, now: Date()) {
            // A frame's time (33 ms) while the screen changes; after a second of calm, 100 ms.
            quietSteps = busy ? 0 : quietSteps + 1
            if quietSteps == 0 || quietSteps == 30 { screen.setKeyWait(milliseconds: quietSteps == 0 ? 33 : 100) }
            key = screen.readKey()
        }
        return loop.leaveServeRunning ? .leaveServeRunning : .stopped
    }
}

/// One pass of the dashboard per key or frame: refresh the figures, apply the key, draw if
/// anything the screen shows changed.
struct DashboardLoop {
    let engine: any EngineAccess
    let screen: Screen
    private let actions: DashboardActions
    private var state = DashboardState()
    private var rates = EventRateHistory()
    private var logUsage: EventLogUsage
    private var status: EngineStatus
    private var health: HealthReport
    private var statusAt = Date.distantPast
    private var lastFrame: FrameFingerprint?
    private var lastSecond = 0
    private let rowCache = EventRowCache()
    private let wholeEvents = WholeEventCache()
    private let countedEvents = CountedEvents()
    private let givenUpWatch: GivenUpWatch
    /// The log before the events held, and its oldest sequence (refreshed once a second).
    private let history: EventLogHistory
    private var logOldest: UInt64?
    /// The user quit choosing to leave `eventsdash serve` delivering.
    private(set) var leaveServeRunning = false

    init(engine: any EngineAccess, screen: Screen) {
        self.engine = engine
        self.screen = screen
        actions = DashboardActions(engine: engine)
        logUsage = EventLogUsage(directory: engine.layout.eventLogDirectory)
        history = EventLogHistory(directory: engine.layout.eventLogDirectory)
        logOldest = history.oldestSequence
        givenUpWatch = GivenUpWatch(path: engine.layout.givenUpFile)
        status = engine.status()
        health = engine.health()
    }

    /// Handles `key` (nil: the wait passed without one) and redraws if needed (at least once a
    /// second, for the clock). Returns whether anything but the clock changed, or nil to quit.
    mutating func step(key: Key?, now: Date) -> Bool? {
        refreshFigures(now: now, force: key != nil)
        var data = gather(now: now)
        let size = screen.size
        let layout = DashboardLayout(
            rows: size.rows, columns: size.columns, webhookCount: data.webhooks.count, problemCount: data.health.problems.count)
        // A key acts on the filter's whole result over the held events: one typed while the filter
        // still scans them (`G Enter` just after applying it) waits for that scan to finish, rather
        // than act on the rows so far. The log's older events are scanned on a thread of their
        // own: a key acts on the matches found there so far (README: "Filter and search").
        var filterChanged = updateFilter(data, budget: key == nil ? 0.02 : .infinity)
        if let key {
            let filterBefore = state.filter?.filter
            let context = KeyContext(
                rows: state.rows(held: data.reachable), webhooks: data.webhooks, config: data.config,
                layout: layout, givenUp: data.givenUp, problems: data.health.problems,
                event: { [data, filter = state.filter] sequence in filter?.entry(sequence, data) ?? data.entry(sequence) },
                nodeNames: data.nodeNames,
                webhookHealth: data.status.webhooks, engineRunsOn: engine.attachedPID != nil,
                firstEventReceived: { [data] in data.firstEventReceived(atOrAfter: $0) }, now: now)
            if let command = state.handle(key, context) {
                if case .stop(let leavingServe) = command {
                    leaveServeRunning = leavingServe
                    return nil
                }
                actions.perform(command, state: &state)
                health = engine.health()
                data = gather(now: now)
            }
            if state.filter?.filter != filterBefore {
                filterChanged = updateFilter(data, budget: 0.02) || state.filter == nil
            }
        }
        announceFinished()  // after the key, which clears the message line
        if let layout { state.overlay?.fit(to: Frame(data: data, layout: layout, filter: state.filter, search: state.search)) }
        var figures = status
        figures.updatedAt = 0  // changes every second; the clock is compared on its own
        let frame = FrameFingerprint(
            generation: data.events.generation, rows: size.rows, columns: size.columns, status: figures,
            health: data.health, webhooks: data.webhooks, config: data.config, pings: data.pings, givenUp: data.givenUp)
        let second = Int(now.timeIntervalSince1970)
        let busy = key != nil || filterChanged || frame != lastFrame || state.overlay?.isWorking == true
        if busy || second != lastSecond {
            lastFrame = frame
            lastSecond = second
            screen.erase()
            DashboardView.draw(on: screen, state: state, data: data)
            screen.show()
            rowCache.endFrame()
        }
        if let copy = state.clipboard {
            screen.copy(copy)
            state.clipboard = nil
        }
        return busy
    }

    /// Takes the filter's scans further (the held events for at most `budget` seconds).
    private mutating func updateFilter(_ data: DashboardData, budget: Double) -> Bool {
        let logDirectory = engine.layout.eventLogDirectory
        return state.filter?.update(
            from: data.events, logDirectory: logDirectory, logOldest: data.logOldest, nodeNames: data.nodeNames, budget: budget)
            ?? false
    }

    /// Says on the message line what finished in the background: pings, redeliveries, saves.
    private mutating func announceFinished() {
        for ping in actions.pings.takeFinished() {
            state.say("\(URLRedaction.redacted(ping.url)): \(PingResult.done(ping.outcome).summary)", isError: !ping.outcome.isSuccess)
        }
        for announcement in actions.announcements.take() { state.say(announcement.text, isError: announcement.isError) }
        for line in actions.redeliveries.takeFinished() { state.say(line.text, isError: line.isError) }
    }

    /// The engine's counters and health, /proc and the log directory: read at most ten times a second
    /// (and at once after a key), the log's size once a second.
    private mutating func refreshFigures(now: Date, force: Bool) {
        guard force || now.timeIntervalSince(statusAt) >= 0.1 else { return }
        let second = Int(now.timeIntervalSince1970)
        if second != Int(statusAt.timeIntervalSince1970) {
            logUsage = EventLogUsage(directory: engine.layout.eventLogDirectory)
            logOldest = history.oldestSequence
        }
        status = engine.status()
        health = engine.health()
        rates.record(total: status.received, at: second)
        statusAt = now
    }

    private func gather(now: Date) -> DashboardData {
        var givenUp: [GivenUpLog.Entry] = []
        if let view = state.overlay as? WebhookView { givenUp = givenUpWatch.entries(for: view.url) }
        return DashboardData(
            status: status, health: health, webhooks: engine.webhooks, config: engine.config, files: engine.layout,
            portOverridden: engine.portOverridden, attachedPID: engine.attachedPID, logUsage: logUsage, pings: actions.pings.snapshot(now: now),
            rates: rates, now: now, events: engine.recentEvents, history: history, logOldest: logOldest, rowCache: rowCache, wholeEvents: wholeEvents, countedEvents: countedEvents,
            givenUp: givenUp,
            deliveries: { [engine, givenUpWatch] sequence, eventName in
                var deliveries = engine.deliveries(of: sequence, eventName: eventName)
                for (url, delivery) in deliveries {
                    deliveries[url] = delivery.noting(givenUpWatch.entry(for: url, sequence: sequence))
                }
                return deliveries
            })
    }

    /// What the data side of a frame depends on: nothing is drawn while it and the state stay the same.
    private struct FrameFingerprint: Equatable {
        var generation: UInt64
        var rows: Int
        var columns: Int
        var status: EngineStatus
        var health: HealthReport
        var webhooks: [Webhook]
        var config: EventsConfig
        var pings: [String: PingResult]
        var givenUp: [GivenUpLog.Entry]
    }
}
