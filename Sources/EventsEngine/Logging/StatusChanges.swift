import GlusterEvents
import Logging
import WebhookDelivery

/// What changed between two of the engine's once-a-second figures that an operator should hear
/// of: each change once, never once per event. A webhook or an Alertmanager starting to fail or
/// recovering, events given up, a problem appearing, changing cause or clearing, a limit reached
/// (on outside input, or the memory hold while the log refuses writes); at DEBUG, how many events
/// came in.
///
/// Counts that only grow (events given up, limits reached) are told when they first rise, then at
/// most once a `repeatInterval` while they keep rising, with how much they rose since last told:
/// an attack that hits a limit all day makes a line a minute, not one a second.
struct StatusChanges {
    typealias Line = OperatorLine

    static let repeatInterval: Double = 60
    /// Each growing count as last told, by what it counts, and when (seconds on any one clock).
    private var told: [String: (count: Int, at: Double)] = [:]

    mutating func lines(from previous: EngineStatus, to current: EngineStatus, at now: Double) -> [Line] {
        Self.webhookStates(previous, current) + givenUp(previous, current, now) + Self.alertmanagers(previous, current)
            + Self.problem(previous, current)
            + limits(previous, current, now) + dropped(previous, current, now) + Self.traffic(previous, current)
    }

    /// How much `key`'s count rose since it was last told, when it is time to tell (nil otherwise).
    /// A count never told before is measured from `previous`, the figures of a moment ago.
    private mutating func rise(of key: String, from previous: Int, to current: Int, at now: Double) -> Int? {
        let last = told[key] ?? (count: previous, at: -.infinity)
        guard current > last.count, now - last.at >= Self.repeatInterval else { return nil }
        told[key] = (current, now)
        return current - last.count
    }

    /// Between a problem's cause and the figures that change while it lasts ("No space left on
    /// device — 12 events held in memory…"): only the cause is compared, so a full disk is told
    /// when it starts and when it clears, not every second.
    static let figuresSeparator = " — "

    private static func cause(_ problem: String?) -> Substring? {
        problem.map { $0[..<($0.range(of: figuresSeparator)?.lowerBound ?? $0.endIndex)] }
    }

    private static func webhookStates(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        current.webhooks.sorted(by: { $0.key < $1.key }).compactMap { url, now in
            let before = previous.webhooks[url] ?? WebhookHealth()
            let why = reason(now)
            switch (before.state, now.state) {
            case (.retrying, .failing), (.idle, .failing), (.healthy, .failing):
                return Line(level: .error, message: "webhook \(URLRedaction.redacted(url)) is failing: \(why); events wait in the log")
            case (.idle, .retrying), (.healthy, .retrying):
                return Line(level: .warning, message: "webhook \(URLRedaction.redacted(url)) is being retried: \(why)")
            case (.retrying, .healthy), (.failing, .healthy):
                return Line(level: .info, message: "webhook \(URLRedaction.redacted(url)) recovered (\(why))")
            default: return nil
            }
        }
    }

    /// An Alertmanager starting to fail or taking alerts again (its first success is not told).
    private static func alertmanagers(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        (current.alertmanager ?? [:]).sorted(by: { $0.key < $1.key }).compactMap { url, now in
            let before = previous.alertmanager?[url]?.failing
            switch (before, now.failing) {
            case (false, true), (nil, true):
                return Line(
                    level: .error, message: "alertmanager \(url) is failing: \(now.lastError ?? "?"); alerts are sent again until it takes them")
            case (true, false):
                return Line(level: .info, message: "alertmanager \(url) recovered: it takes alerts again")
            default: return nil
            }
        }
    }

    private static func reason(_ health: WebhookHealth) -> String {
        health.lastError ?? health.lastStatus.map { "HTTP \($0)" } ?? "?"
    }

    private mutating func givenUp(_ previous: EngineStatus, _ current: EngineStatus, _ now: Double) -> [Line] {
        current.webhooks.sorted(by: { $0.key < $1.key }).compactMap { url, health in
            let before = previous.webhooks[url]?.givenUp ?? 0
            guard let added = rise(of: "given up: " + url, from: before, to: health.givenUp, at: now) else { return nil }
            return Line(
                level: .warning,
                message: "webhook \(URLRedaction.redacted(url)): \(added) events given up (\(health.givenUp) in all): \(Self.reason(health)); see eventsdash given-up")
        }
    }

    private static func problem(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        guard cause(previous.problem) != cause(current.problem) else { return [] }
        if let problem = current.problem { return [Line(level: .error, message: "problem: \(problem)")] }
        return [Line(level: .info, message: "problem cleared: \(previous.problem ?? "")")]
    }

    private mutating func limits(_ previous: EngineStatus, _ current: EngineStatus, _ now: Double) -> [Line] {
        let before = previous.limitsReached ?? [:]
        return (current.limitsReached ?? [:]).sorted { $0.key < $1.key }.compactMap { name, count in
            guard let added = rise(of: "limit: " + name, from: before[name] ?? 0, to: count, at: now) else { return nil }
            return Line(level: .warning, message: "limit reached: \(name) \(added) times (\(count) in all; see eventsdash status)")
        }
    }

    private mutating func dropped(_ previous: EngineStatus, _ current: EngineStatus, _ now: Double) -> [Line] {
        let total = current.droppedUnlogged
        guard let added = rise(of: "hold_limit", from: previous.droppedUnlogged, to: total, at: now) else { return [] }
        return [
            Line(
                level: .error,
                message: "limit reached: hold_limit, \(added) events dropped unlogged (\(total) in all; see eventsdash status)")
        ]
    }

    private static func traffic(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        guard current.received != previous.received else { return [] }
        return [
            Line(
                level: .debug,
                message: "events: received \(current.received) (+\(current.received - previous.received)), accepted \(current.accepted), rejected \(current.rejected), last sequence \(current.lastSequence)")
        ]
    }
}
