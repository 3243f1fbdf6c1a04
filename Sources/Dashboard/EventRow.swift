import EventLog
import Foundation
import GlusterEvents

/// One event decoded for the events pane: time, event, node, fields — escaped and fitted to the
/// width — and what the filter matches against.
struct EventRow {
    var sequence: UInt64
    var time: String
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
        time = DashboardFormat.clock(millis: entry.event.receivedAtMillis)
        name = entry.event.name
        nodeID = body?["nodeid"]?.stringValue ?? "?"
        nodeName = nodeNames[nodeID]
        source = entry.event.source
        fields = (body?["message"]?.objectMembers ?? []).map { ($0.key, $0.value.stringValue ?? $0.value.encoded()) }
        severity = EventSeverity.of(entry.event.name)
    }

    static let header = "TIME      EVENT                     NODE      FIELDS"

    /// `key=value …`, control characters escaped.
    var fieldsText: String { TerminalText.escaped(fields.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) }

    /// The row in `width` columns: fixed columns for time, event and node, fields take the rest.
    func line(width: Int) -> String {
        Cell.fit(
            Cell.fit(time, 9) + " " + Cell.fit(name, 25) + " " + Cell.fit(nodeName ?? String(nodeID.prefix(8)), 9) + " "
                + fieldsText, width)
    }
}
