import ArgumentParser
import Foundation
import GlusterEvents
import WebhookDelivery

struct Redeliver: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send one logged event to a registered webhook again (e.g. one delivery gave up on).",
        discussion: """
            The event goes as it was logged, with the webhook's auth and its webhook-id header (the \
            event's sequence number), so a receiver can tell it is the same event. Events given up on \
            are listed in given-up.log in the state directory; 'eventsdash tail' shows sequence numbers.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The event's sequence number in the log.") var sequence: UInt64
    @Argument(help: "URL of a registered webhook.") var url: String

    func run() throws {
        let layout = global.layout
        let registry = try withReportedFileErrors(json: global.json) { try global.webhookStore.load() }
        guard let webhook = registry[url] else {
            throw fail("Webhook does not exists", .webhookDoesNotExist, json: global.json)
        }
        guard let request = Redelivery.request(sequence: sequence, to: webhook, logDirectory: layout.eventLogDirectory)
        else {
            throw fail(
                "event \(sequence) is not in the log at \(layout.eventLogDirectory) (never logged, or deleted by retention)",
                json: global.json)
        }
        let client = CurlMultiClient()
        let outcome = client.postAndWait(request)
        client.shutdown()
        let latency = String(format: "%.1f ms", outcome.latencySeconds * 1000)
        var row = NodeResults.Row(ok: outcome.isSuccess)
        row.okText = "OK: \(outcome.summary) in \(latency)"
        row.error = outcome.isSuccess ? "" : "\(outcome.summary) after \(latency)"
        row.extra = [("http_status", outcome.status.map { .int(Int64($0)) } ?? .null), ("sequence", .int(Int64(sequence)))]
        let result = NodeResults(column: "REDELIVERY", rows: [row])
        if global.json { printJSONOutput(result.json) } else { print(result.table) }
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
