import EventLog
import Foundation
import GlusterEvents

/// One event decoded for the events pane: time, event, node, fields — escaped and fitted to the
/// width — and what the filter matches against.
struct EventRow {
    var sequence: UInt64
    /// When the event was received (Unix milliseconds); shown against the frame's clock.
    var receivedAtMillis: Int64
    var name: String
    var nodeID: String
    /// The node's host name, when glusterd's peer list (or this host) names it.
    var nodeName: String?
    var source: String
    /// The message fields as `key` and display value (strings bare, the rest as JSON).
    var fields: [(key: String, value: String)]
    var severity: EventSeverity

    init(_ entry: RecentEvents.Entry, nodeNames: [String: String] = [:]) {
        let body = try? JSONValue.parse(entry.event.body)
        sequence = entry.sequence
        receivedAtMillis = entry.event.receivedAtMillis
        name = entry.event.name
        nodeID = body?["nodeid"]?.stringValue ?? "?"
        nodeName = nodeNames[nodeID]
        source = entry.event.source
        fields = (body?["message"]?.objectMembers ?? []).map { ($0.key, $0.value.stringValue ?? $0.value.encoded()) }
        severity = EventSeverity.of(entry.event.name)
    }

    /// The TIME column's width for today's events (`14:02:05`); a date widens it.
    static let clockWidth = 8

    /// The column names, over a TIME column `timeWidth` wide.
    static func header(timeWidth: Int = clockWidth) -> String {
        Cell.fit("TIME", timeWidth + 2) + "EVENT                     NODE      FIELDS"
    }

    /// `key=value …`, control characters escaped.
    var fieldsText: String { TerminalText.escaped(fields.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) }

    /// The row in `width` columns: fixed columns for time, event and node, fields take the rest.
    /// `time` (see `DashboardFormat.eventTime`) is right-aligned in `timeWidth` columns, so the
    /// clock times of rows with and without a date line up.
    /// `fieldsOffset`: columns of the fields scrolled out of view to the left (`←` `→`).
    func line(width: Int, time: String, timeWidth: Int = clockWidth, fieldsOffset: Int = 0) -> String {
        let time = String(repeating: " ", count: max(0, timeWidth - Cell.width(of: time))) + time
        return Cell.fit(
            Cell.fit(time, timeWidth + 1) + " " + Cell.fit(name, 25) + " " + Cell.fit(nodeName ?? String(nodeID.prefix(8)), 9) + " "
                + Cell.dropping(fieldsOffset, of: fieldsText), width)
    }
}
