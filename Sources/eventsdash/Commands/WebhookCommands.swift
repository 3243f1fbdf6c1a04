import ArgumentParser
import EventsEngine
import Foundation
import GlusterEvents
import GlusterHost
import WebhookDelivery

/// The token and secret options of webhook-add / -mod / -test, spelled as gluster-eventsapi spells them.
struct WebhookAuthOptions: ParsableArguments {
    @Option(
        name: [.customShort("t"), .customLong("bearer_token"), .customLong("bearer-token")],
        help: "Bearer token sent as 'Authorization: Bearer TOKEN' ('-' reads it from standard input).")
    var bearerToken: String?

    @Option(
        name: [.customShort("s"), .customLong("secret")],
        help: "Secret for a JWT (HS256) bearer token instead ('-' reads it from standard input).")
    var secret: String?

    func validate() throws {
        if bearerToken == "-" && secret == "-" {
            throw ValidationError("only one of --bearer_token and --secret can be read from standard input")
        }
    }

    /// The token and secret, reading `-` from standard input (so they stay out of `ps` and history).
    func resolved() -> (token: String?, secret: String?) {
        (bearerToken.map(Self.readIfDash), secret.map(Self.readIfDash))
    }

    private static func readIfDash(_ value: String) -> String {
        guard value == "-" else { return value }
        return (readLine(strippingNewline: true) ?? "").trimmingWhitespace()
    }
}

/// After a change, as gluster-eventsapi does: the files go to every node of the pool (see
/// `PeerSync`), then a per-node table; a failed copy ends with its exit code (8 or 9).
func printSyncResult(layout: StateLayout, json: Bool) throws {
    let outcome = PeerSync.sync(layout)
    if let failure = outcome.failure {
        let (what, code) =
            failure.file == .webhooks ? ("Webhooks", ExitStatus.webhookSyncFailed) : ("Config", ExitStatus.configSyncFailed)
        let exit = fail("Failed to sync \(what) file: \(failure.message)", code, json: json)
        for note in outcome.notes where !json { log("note: \(note)") }
        throw exit
    }
    let rows = outcome.nodes.map { node in
        NodeResults.Row(node: node.node, nodeUp: node.up, ok: node.synced, error: node.up ? "" : "node is down")
    }
    let result = NodeResults(column: "SYNC STATUS", rows: rows)
    if json { printJSONOutput(result.json) } else { Output.lines(result.table) }
    for note in outcome.notes where !json { log("note: \(note)") }
    if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
}

/// Ends the command when `problem` (of a URL, token or secret about to be used) is not nil.
func refuse(_ problem: String?, url: String, json: Bool) throws {
    if let problem { throw fail("\(url): \(problem)", json: json) }
}

struct WebhookAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "webhook-add", abstract: "Register a webhook.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "URL of the webhook.") var url: String
    @OptionGroup var auth: WebhookAuthOptions
    @OptionGroup var delivery: WebhookDeliveryOptions

    func run() throws {
        let (token, secret) = auth.resolved()
        var webhook = Webhook(url: url, token: token ?? "", secret: secret ?? "")
        try refuse(webhook.problem, url: url, json: global.json)
        webhook.deliverySettings = delivery.applied(to: WebhookSettings())
        try withReportedFileErrors(json: global.json) {
            do {
                try global.webhookStore.add(webhook)
            } catch WebhookStore.ChangeError.alreadyExists {
                throw fail("Webhook already exists", .webhookAlreadyExists, json: global.json)
            }
        }
        try printSyncResult(layout: global.layout, json: global.json)
    }
}

struct WebhookMod: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-mod", abstract: "Change a webhook's bearer token, secret or delivery options.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "URL of the webhook.") var url: String
    @OptionGroup var auth: WebhookAuthOptions
    @OptionGroup var delivery: WebhookDeliveryOptions

    func run() throws {
        let (token, secret) = auth.resolved()
        try refuse(token.flatMap(Webhook.validate(token:)) ?? secret.flatMap(Webhook.validate(secret:)), url: url, json: global.json)
        try withReportedFileErrors(json: global.json) {
            do {
                // As gluster-eventsapi: an option left out (or empty) keeps the current value.
                try global.webhookStore.modify(url: url) { webhook in
                    if let token, !token.isEmpty { webhook.token = token }
                    if let secret, !secret.isEmpty { webhook.secret = secret }
                    if !delivery.isEmpty { webhook.deliverySettings = delivery.applied(to: webhook.deliverySettings) }
                }
            } catch WebhookStore.ChangeError.doesNotExist {
                throw fail("Webhook does not exists", .webhookDoesNotExist, json: global.json)
            }
        }
        try printSyncResult(layout: global.layout, json: global.json)
    }
}

struct WebhookDel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "webhook-del", abstract: "Remove a webhook.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "URL of the webhook.") var url: String

    func run() throws {
        try withReportedFileErrors(json: global.json) {
            do {
                try global.webhookStore.remove(url: url)
            } catch WebhookStore.ChangeError.doesNotExist {
                throw fail("Webhook does not exists", .webhookDoesNotExist, json: global.json)
            }
        }
        try printSyncResult(layout: global.layout, json: global.json)
    }
}
