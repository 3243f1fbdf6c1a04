import ArgumentParser
import EventLog
import Foundation
import GlusterEvents

struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print logged events (eventsdash.py's columns, or the webhook JSON with --json).")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("n"), .customLong("lines")], help: "How many of the newest events to print first.")
    var lines = 10

    @Flag(name: .shortAndLong, help: "Keep printing new events as they arrive.")
    var follow = false

    func run() throws {
        let reader = EventLogReader(directory: global.layout.eventLogDirectory)
        var position = reader.end()
        if !global.json {
            print(TailFormat.row("TIMESTAMP", "EVENT", "NODE ID", "MESSAGE"))
            print(TailFormat.row(String(repeating: "-", count: 20), String(repeating: "-", count: 20), String(repeating: "-", count: 36), String(repeating: "-", count: 20)))
        }
        reader.last(lines).forEach(emit)
        fflush(nil)
        guard follow else { return }
        while true {
            let (events, next) = reader.read(after: position)
            position = next
            events.forEach(emit)
            if !events.isEmpty { fflush(nil) }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    private func emit(_ event: LoggedEvent) {
        print(global.json ? event.body : TailFormat.line(for: event))
    }
}

/// eventsdash.py's line: `{0:20s} {1:20s} {2:36} {3}` — local time, event, node id, `key=value`s.
enum TailFormat {
    static func row(_ time: String, _ event: String, _ node: String, _ message: String) -> String {
        pad(time, 20) + " " + pad(event, 20) + " " + pad(node, 36) + " " + message
    }

    static func line(for event: LoggedEvent) -> String {
        guard let body = try? JSONValue.parse(event.body) else { return event.body }
        let ts = body["ts"]?.intValue ?? 0
        let message = (body["message"]?.objectMembers ?? []).map { "\($0.key)=\(text($0.value))" }
        return row(
            localTime(ts), body["event"]?.stringValue ?? "?", body["nodeid"]?.stringValue ?? "?",
            message.joined(separator: " "))
    }

    private static func text(_ value: JSONValue) -> String {
        let raw = value.stringValue ?? value.encoded()
        // Control characters never reach the terminal as they are.
        return String(
            raw.unicodeScalars.map { scalar in
                scalar.value < 0x20 || scalar.value == 0x7F ? "\\x" + String(format: "%02x", scalar.value) : String(scalar)
            }.joined())
    }

    private static func localTime(_ ts: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(ts)))
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
