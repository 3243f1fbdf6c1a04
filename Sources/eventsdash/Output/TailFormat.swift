import EventLog
import Foundation
import GlusterEvents

/// eventsdash.py's line: `{0:20s} {1:20s} {2:36} {3}` — local time, event, node id, `key=value`s.
enum TailFormat {
    static func row(_ time: String, _ event: String, _ node: String, _ message: String) -> String {
        pad(time, 20) + " " + pad(event, 20) + " " + pad(node, 36) + " " + message
    }

    /// The line (its fields escaped before they are padded) and how the event reads.
    static func line(for event: LoggedEvent) -> (String, EventSeverity) {
        guard let body = try? JSONValue.parse(event.body) else { return (event.body, .info) }
        let ts = body["ts"]?.intValue ?? 0
        let name = body["event"]?.stringValue ?? "?"
        // Nothing from the event reaches the terminal unescaped: keys, values and the node id came from outside.
        let message = (body["message"]?.objectMembers ?? []).map {
            TerminalText.escaped($0.key) + "=" + TerminalText.escaped($0.value.stringValue ?? $0.value.encoded())
        }
        let line = row(
            localTime(ts), TerminalText.escaped(name), TerminalText.escaped(body["nodeid"]?.stringValue ?? "?"),
            message.joined(separator: " "))
        return (line, EventSeverity.of(name))
    }

    /// Red for problems, yellow for limits crossed, green for recoveries; information stays plain.
    static let ansiColour: [EventSeverity: Int] = [.problem: 31, .warning: 33, .recovery: 32]

    /// `2026-11-29 13:01:02` in local time.
    static func localTime(_ ts: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(ts)))
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
