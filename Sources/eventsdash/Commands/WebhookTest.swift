import ArgumentParser
import EventsEngine
import Foundation
import GlusterEvents
import GlusterHost
import WebhookDelivery

struct WebhookTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-test",
        abstract: "POST a TEST event to a URL and report the HTTP status and latency.",
        discussion: """
            Without -t/-s/--signing-secret, a registered webhook is tested with its own token, secret \
            and signing secrets. Unlike \
            gluster-eventsapi's empty-body POST, the ping is a well-formed event, so JSON frameworks accept it. \
            A ping that reaches a registered webhook ends its backoff: the engine on this workdir sends \
            the events waiting for a retry at once.
            """)

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "URL of the webhook.") var url: String
    @OptionGroup var auth: WebhookAuthOptions

    func run() throws {
        let layout = state.resolve()
        let (token, secret) = auth.resolved()
        let signingSecrets = try auth.resolvedSigningSecrets()
        var webhook = Webhook(url: url, token: token ?? "", secret: secret ?? "")
        webhook.signingSecrets = signingSecrets ?? []
        let registered = try? layout.webhookStore.load()[url]
        if token == nil, secret == nil, signingSecrets == nil, let registered { webhook = registered }
        try refuse(webhook.problem, url: url, json: output.json)
        let nodeID = (try? NodeIdentity.resolve(glusterdInfo: layout.glusterdInfoFile, keptFile: layout.nodeIDFile))
            ?? "unknown"
        let client = CurlMultiClient()
        let outcome = CertificateAdvice.advised(client.postAndWait(WebhookRequests.testPing(webhook, nodeID: nodeID)), url: url)
        client.shutdown()
        if outcome.isSuccess, registered != nil {
            // Best effort: the ping's result is what this command reports.
            try? RetryRequestsFile(path: layout.retryRequestsFile).request(url, atMillis: Int64(Date().timeIntervalSince1970 * 1000))
        }

        var row = NodeResults.Row(ok: outcome.isSuccess)
        row.okText = outcome.okText
        row.error = outcome.isSuccess ? "" : outcome.failureText
        row.extra = [
            ("http_status", outcome.status.map { .int(Int64($0)) } ?? .null),
            ("latency_ms", .double((outcome.latencySeconds * 10_000).rounded() / 10)),
        ]
        let result = NodeResults(column: "WEBHOOK STATUS", rows: [row])
        if output.json { printJSONOutput(result.json) } else { Output.lines(result.table) }
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
