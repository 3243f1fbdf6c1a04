import Logging
import WebhookDelivery

/// What changed between two of the engine's once-a-second figures that an operator should hear
/// of: each change once, never once per event. A webhook starting to fail or recovering, events
/// given up, a problem appearing or clearing, a limit on outside input reached; at DEBUG, how many
/// events came in.
struct StatusChanges {
    typealias Line = OperatorLine

    static func between(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        webhooks(previous, current) + problem(previous, current) + limits(previous, current) + traffic(previous, current)
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
        guard previous.problem != current.problem else { return [] }
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

    private static func traffic(_ previous: EngineStatus, _ current: EngineStatus) -> [Line] {
        guard current.received != previous.received else { return [] }
        return [
            Line(
                level: .debug,
                message: "events: received \(current.received) (+\(current.received - previous.received)), accepted \(current.accepted), rejected \(current.rejected), last sequence \(current.lastSequence)")
        ]
    }
}
