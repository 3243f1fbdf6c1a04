import EventLog
import Foundation
import GlusterEvents

/// `tail`'s columns: the log sequence number (what `redeliver` takes), then eventsdash.py's
/// `{0:20s} {1:20s} {2:36} {3}` — local time, event, node id, `key=value`s — with the event
/// column as wide as the catalog's longest name. A longer name or node id (an event of a newer
/// gluster, over HTTP) is cut with `…`, so the columns stay aligned.
struct TailFormat {
    /// Digits of the widest sequence number shown (right-aligned).
    let sequenceWidth: Int

    static let timeWidth = 20
    static let eventWidth = EventCatalog.names.map(\.count).max() ?? 20
    static let nodeWidth = 36

    /// For sequence numbers up to `newest` (`following`: one digit more, for those still to come).
    init(newest: UInt64, following: Bool) {
        sequenceWidth = max("SEQ".count, String(newest).count + (following ? 1 : 0))
    }

    var header: [String] {
        [
            row("SEQ", "TIMESTAMP", "EVENT", "NODE ID", "MESSAGE"),
            row(
                String(repeating: "-", count: sequenceWidth), String(repeating: "-", count: Self.timeWidth),
                String(repeating: "-", count: Self.eventWidth), String(repeating: "-", count: Self.nodeWidth),
                String(repeating: "-", count: 20)),
        ]
    }

    /// The line (its fields escaped before they are cut and padded) and how the event reads.
    func line(for event: LoggedEvent) -> (String, EventSeverity) {
        let sequence = String(event.sequence)
        guard let body = try? JSONValue.parse(event.body) else {
            return (row(sequence, "", "", "", TerminalText.escaped(event.body)), .info)
        }
        let ts = body["ts"]?.intValue ?? 0
        let name = body["event"]?.stringValue ?? "?"
        // Nothing from the event reaches the terminal unescaped: keys, values and the node id came from outside.
        let message = (body["message"]?.objectMembers ?? []).map {
            TerminalText.escaped($0.key) + "=" + TerminalText.escaped($0.value.stringValue ?? $0.value.encoded())
        }
        let line = row(
            sequence, Self.localTime(ts), TerminalText.escaped(name), TerminalText.escaped(body["nodeid"]?.stringValue ?? "?"),
            message.joined(separator: " "))
        return (line, EventSeverity.of(name))
    }

    private func row(_ sequence: String, _ time: String, _ event: String, _ node: String, _ message: String) -> String {
        String(repeating: " ", count: max(0, sequenceWidth - sequence.count)) + sequence + " "
            + Self.fit(time, Self.timeWidth) + " " + Self.fit(event, Self.eventWidth) + " "
            + Self.fit(node, Self.nodeWidth) + " " + message
    }

    /// The event's webhook JSON, as logged, with its `"sequence"` and, when `ids` are known, its
    /// `"webhook_id"` (keys stay sorted: they go around `"ts"`, or the body is re-encoded); a body
    /// that is not a JSON object stays as it is.
    static func json(for event: LoggedEvent, ids: WebhookMessageIDs?) -> String {
        let sequence = #""sequence": \#(event.sequence)"#
        let webhookID = ids.map { #", "webhook_id": "# + JSONValue.string($0.id(of: event.sequence)).encoded() } ?? ""
        let body = event.body
        if let ts = body.range(of: #", "ts": "#, options: .backwards),
            body[ts.upperBound...].utf8.dropLast().allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }),
            body.utf8.last == UInt8(ascii: "}")
        {
            return body[..<ts.lowerBound] + ", " + sequence + body[ts.lowerBound...].dropLast() + webhookID + "}"
        }
        guard var members = (try? JSONValue.parse(body))?.objectMembers else { return body }
        members.removeAll { $0.key == "sequence" || $0.key == "webhook_id" }
        members.append(("sequence", .int(Int64(clamping: event.sequence))))
        if let ids { members.append(("webhook_id", .string(ids.id(of: event.sequence)))) }
        return JSONValue.object(members).encoded()
    }

    /// Red for problems, yellow for limits crossed, green for recoveries; information stays plain.
    static let ansiColour: [EventSeverity: Int] = [.problem: 31, .warning: 33, .recovery: 32]

    /// `2026-11-29 13:01:02` in local time.
    static func localTime(_ ts: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(ts)))
    }

    /// `text` padded to `width`, or cut to it with `…` at the end.
    private static func fit(_ text: String, _ width: Int) -> String {
        let count = text.count
        if count > width { return text.prefix(width - 1) + "…" }
        return count == width ? text : text + String(repeating: " ", count: width - count)
    }
}
