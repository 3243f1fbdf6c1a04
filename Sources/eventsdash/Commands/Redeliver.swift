import ArgumentParser
import Foundation
import GlusterEvents
import WebhookDelivery

struct Redeliver: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send logged events to a registered webhook again (e.g. ones delivery gave up on).",
        discussion: """
            Each event goes as it was logged, one at a time, with the webhook's auth and the webhook-id \
            header its deliveries had (this node's id, the log's epoch and the event's sequence number), \
            so a receiver can tell it is the same event. --given-up sends every event 'eventsdash \
            given-up URL' lists as not yet redelivered. Sending stops after \(Self.failuresBeforeStopping) \
            failures in a row (the webhook is still down); run it again later. Name an event by its \
            sequence number (the SEQ column of 'eventsdash tail' and 'eventsdash given-up', the \
            "sequence" of 'tail --json') or by its webhook-id (the "webhook_id" of 'tail --json', or \
            what a receiver saw).
            """)

    static let failuresBeforeStopping = 3

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "URL of a registered webhook.") var url: String
    @Argument(help: ArgumentHelp("Logged events: sequence numbers (tail's SEQ column) or webhook-ids.", valueName: "event"))
    var events: [String] = []
    @Flag(help: "Send the events given up on for this webhook and not redelivered since.") var givenUp = false

    func validate() throws {
        if events.isEmpty && !givenUp { throw ValidationError("name the events to send (sequence numbers or webhook-ids), or --given-up") }
        if !events.isEmpty && givenUp { throw ValidationError("name events or give --given-up, not both") }
    }

    func run() throws {
        let layout = state.resolve()
        let registry = try withReportedFileErrors(json: output.json) { try layout.webhookStore.load() }
        guard let webhook = registry[url] else {
            throw fail("Webhook does not exists", .webhookDoesNotExist, json: output.json)
        }
        try refuse(webhook.problem, url: url, json: output.json)
        let ids = try withReportedFileErrors(json: output.json) { try WebhookMessageIDs.of(layout, making: true)! }
        let givenUpLog = GivenUpLog(path: layout.givenUpFile)
        let wanted =
            givenUp
            ? givenUpLog.entries(url: url).filter { $0.redelivered == nil && $0.count == 1 }.map(\.sequence).sorted()
            : try events.map { try Self.sequence(named: $0, ids: ids) }
        if wanted.isEmpty {
            if output.json { printJSONOutput(.array([])) } else { Output.line("nothing to redeliver: no event given up for \(URLRedaction.redacted(url)) is waiting") }
            return
        }
        let client = CurlMultiClient()
        defer { client.shutdown() }
        var results: [JSONValue] = []
        var delivered = 0
        var failuresInARow = 0
        for sequence in wanted {
            let result = send(sequence, to: webhook, logDirectory: layout.eventLogDirectory, ids: ids, client: client, givenUpLog: givenUpLog)
            results.append(result.json)
            if !output.json { Output.line(result.line) }
            if result.ok { delivered += 1 }
            failuresInARow = result.ok ? 0 : failuresInARow + (result.webhookFailed ? 1 : 0)
            if failuresInARow == Self.failuresBeforeStopping {
                if !output.json {
                    Output.line("stopped: \(URLRedaction.redacted(url)) failed \(failuresInARow) times in a row; run this again when it is back")
                }
                break
            }
        }
        if output.json {
            printJSONOutput(.array(results))
        } else if wanted.count > 1 {
            Output.line("redelivered \(delivered) of \(wanted.count) to \(URLRedaction.redacted(url))")
        }
        if delivered < wanted.count {
            throw ExitCode(delivered == 0 ? ExitStatus.allNodesNotOK.rawValue : ExitStatus.partialSuccess.rawValue)
        }
    }

    private struct Result {
        var line: String
        var json: JSONValue
        var ok: Bool
        /// The webhook answered badly or not at all (not: the event is gone from the log).
        var webhookFailed: Bool
    }

    /// The sequence of the event `name` names: its sequence number, or its webhook-id.
    static func sequence(named name: String, ids: WebhookMessageIDs) throws -> UInt64 {
        if let sequence = UInt64(name) ?? ids.sequence(of: name) { return sequence }
        throw ValidationError(
            "\(name) is neither a sequence number nor a webhook-id of this log (those begin \(ids.id(of: 1).dropLast()); "
                + "one that does not is another node's, or an earlier log's)")
    }

    private func send(
        _ sequence: UInt64, to webhook: Webhook, logDirectory: String, ids: WebhookMessageIDs, client: CurlMultiClient,
        givenUpLog: GivenUpLog
    ) -> Result {
        guard
            let (outcome, eventName) = Redelivery.sendAndWait(
                sequence, to: webhook, logDirectory: logDirectory, ids: ids, givenUpLog: givenUpLog, client: client)
        else {
            let error = "event \(sequence) is not in the log at \(logDirectory) (never logged, or deleted by retention)"
            return Result(
                line: "#\(sequence): NOT OK: \(error)",
                json: .object([("sequence", .int(Int64(sequence))), ("ok", .bool(false)), ("error", .string(error))]),
                ok: false, webhookFailed: false)
        }
        let name = eventName.isEmpty ? "" : " \(eventName)"
        return Result(
            line: "#\(sequence)\(name): " + (outcome.isSuccess ? outcome.okText : "NOT OK: \(outcome.failureText)"),
            json: .object([
                ("sequence", .int(Int64(sequence))), ("webhook_id", .string(ids.id(of: sequence))), ("ok", .bool(outcome.isSuccess)),
                ("http_status", outcome.status.map { .int(Int64($0)) } ?? .null),
                ("error", .string(outcome.isSuccess ? "" : outcome.summary)),
            ]),
            ok: outcome.isSuccess, webhookFailed: !outcome.isSuccess)
    }
}
