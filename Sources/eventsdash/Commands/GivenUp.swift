import ArgumentParser
import EventLog
import Foundation
import GlusterEvents
import WebhookDelivery

struct GivenUp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "given-up",
        abstract: "List events delivery gave up on (refused, or out of retry time), newest first.",
        discussion: """
            Given-up events stay in the event log; 'eventsdash redeliver URL SEQ' or \
            'eventsdash redeliver URL --given-up' sends them again. The REDELIVERED column shows \
            the ones that since reached the webhook.
            """)

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "Only this webhook's events.") var url: String?
    @Option(name: [.customShort("n"), .customLong("lines")], help: "How many to list.") var lines = 50

    func run() throws {
        let layout = state.resolve()
        let entries = GivenUpLog(path: layout.givenUpFile).entries(url: url, limit: lines)
        let names = entries.map { entry in
            entry.count > 1 ? "" : EventLogReader(directory: layout.eventLogDirectory).event(entry.sequence)
                .flatMap { WebhookBodyHeader.name(of: $0.body) } ?? "(no longer logged)"
        }
        if output.json {
            printJSONOutput(.array(zip(entries, names).map { entry, name in Self.json(entry, eventName: name) }))
            return
        }
        guard !entries.isEmpty else {
            Output.line(url.map { "no event given up for \(URLRedaction.redacted($0))" } ?? "no event given up")
            return
        }
        var table = PrettyTable(
            ["GIVEN UP AT", "SEQ", "EVENT", "WEBHOOK", "REASON", "REDELIVERED"],
            alignments: [.left, .right, .left, .left, .left, .left])
        for (entry, name) in zip(entries, names) {
            let sequences =
                entry.count > 1
                ? "\(entry.sequence)-\(entry.sequence + entry.count - 1) (\(entry.count) events)" : "\(entry.sequence)"
            table.add([TailFormat.localTime(entry.atMillis / 1000), sequences, name, URLRedaction.redacted(entry.url), entry.reason, entry.redelivered ?? ""])
        }
        Output.lines(table.lines)
    }

    private static func json(_ entry: GivenUpLog.Entry, eventName: String) -> JSONValue {
        .object([
            ("at", .int(entry.atMillis)), ("sequence", .int(Int64(entry.sequence))), ("count", .int(Int64(entry.count))),
            ("event", .string(eventName)), ("url", .string(URLRedaction.redacted(entry.url))), ("reason", .string(entry.reason)),
            ("redelivered", entry.redelivered.map { .string($0) } ?? .null),
        ])
    }
}
