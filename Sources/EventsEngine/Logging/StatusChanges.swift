import Logging
import WebhookDelivery

/// What changed between two of the engine's once-a-second figures that an operator should hear
/// of: each change once, never once per event. A webhook starting to fail or recovering, events
/// given up, a problem appearing, changing cause or clearing, a limit reached (on outside input, or
/// the memory hold while the log refuses writes); at DEBUG, how many events came in.
struct StatusChanges {
    typealias Line = OperatorLine

    static func between(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        webhooks(previous, current) + problem(previous, current) + limits(previous, current) + dropped(previous, current)
            + traffic(previous, current)
    }

    /// Between a problem's cause and the figures that change while it lasts ("No space left on
    /// device — 12 events held in memory…"): only the cause is compared, so a full disk is told
    /// when it starts and when it clears, not every second.
    static let figuresSeparator = " — "

    private static func cause(_ problem: String?) -> Substring? {
        problem.map { $0[..<($0.range(of: figuresSeparator)?.lowerBound ?? $0.endIndex)] }
    }

    private static func webhooks(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        var lines: [Line] = []
        for (url, now) in current.webhooks.sorted(by: { $0.key < $1.key }) {
            let before = previous.webhooks[url] ?? WebhookHealth()
            let why = now.lastError ?? now.lastStatus.map { "HTTP \($0)" } ?? "?"
            switch (before.state, now.state) {
            case (.retrying, .failing), (.idle, .failing), (.healthy, .failing):
                lines.append(Line(level: .error, message: "webhook \(url) is failing: \(why); events wait in the log"))
            case (.idle, .retrying), (.healthy, .retrying):
                lines.append(Line(level: .warning, message: "webhook \(url) is being retried: \(why)"))
            case (.retrying, .healthy), (.failing, .healthy):
                lines.append(Line(level: .info, message: "webhook \(url) recovered (\(why))"))
            default: break
            }
            if now.givenUp > before.givenUp {
                lines.append(
                    Line(
                        level: .warning,
                        message: "webhook \(url): \(now.givenUp - before.givenUp) events given up (\(now.givenUp) in all): \(why); see eventsdash given-up"))
            }
        }
        return lines
    }

    private static func problem(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        guard cause(previous.problem) != cause(current.problem) else { return [] }
        if let problem = current.problem { return [Line(level: .error, message: "problem: \(problem)")] }
        return [Line(level: .info, message: "problem cleared: \(previous.problem ?? "")")]
    }

    private static func limits(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        let before = previous.limitsReached ?? [:]
        return (current.limitsReached ?? [:]).sorted { $0.key < $1.key }.compactMap { name, count in
            let added = count - (before[name] ?? 0)
            guard added > 0 else { return nil }
            return Line(level: .warning, message: "limit reached: \(name) \(added) times (\(count) in all; see eventsdash status)")
        }
    }

    private static func dropped(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        let added = current.droppedUnlogged - previous.droppedUnlogged
        guard added > 0 else { return [] }
        return [
            Line(
                level: .error,
                message: "limit reached: hold_limit, \(added) events dropped unlogged (\(current.droppedUnlogged) in all; see eventsdash status)")
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
