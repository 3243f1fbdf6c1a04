import EventLog
import Foundation
import GlusterEvents

/// One line of the events pane: time, event, node, fields — escaped and fitted to the width.
struct EventRow {
    var time: String
    var name: String
    var node: String
    var fields: String
    var severity: EventSeverity

    init(_ entry: RecentEvents.Entry) {
        let body = try? JSONValue.parse(entry.event.body)
        time = Self.clock(millis: entry.event.receivedAtMillis)
        name = entry.event.name
        node = String((body?["nodeid"]?.stringValue ?? "?").prefix(8))
        fields = Cell.escaped(
            (body?["message"]?.objectMembers ?? [])
                .map { "\($0.key)=\($0.value.stringValue ?? $0.value.encoded())" }
                .joined(separator: " "))
        severity = EventSeverity.of(entry.event.name)
    }

    static let header = "TIME      EVENT                     NODE      FIELDS"

    /// The row in `width` columns: fixed columns for time, event and node, fields take the rest.
    func line(width: Int) -> String {
        Cell.fit(Cell.fit(time, 9) + " " + Cell.fit(name, 25) + " " + Cell.fit(node, 9) + " " + fields, width)
    }

    static func clock(millis: Int64) -> String {
        var seconds = time_t(millis / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
