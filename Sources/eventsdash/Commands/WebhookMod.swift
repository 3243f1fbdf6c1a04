import ArgumentParser
import GlusterEvents
import GlusterHost
import WebhookDelivery

struct WebhookMod: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-mod", abstract: "Change a webhook's bearer token, secret, signing secrets or delivery options.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "URL of the webhook.") var url: String
    @OptionGroup var auth: WebhookAuthOptions
    @OptionGroup var delivery: WebhookDeliveryOptions

    func run() throws {
        let layout = state.resolve()
        let (token, secret) = auth.resolved()
        let signingSecrets = try auth.resolvedSigningSecrets()
        try refuse(token.flatMap(Webhook.validate(token:)) ?? secret.flatMap(Webhook.validate(secret:)), url: url, json: output.json)
        try withReportedFileErrors(json: output.json) {
            try layout.createSharedFolder()
            do {
                // As gluster-eventsapi: an option left out (or empty) keeps the current value.
                try layout.webhookStore.modify(url: url) { webhook in
                    if let token, !token.isEmpty { webhook.token = token }
                    if let secret, !secret.isEmpty { webhook.secret = secret }
                    if let signingSecrets { webhook.signingSecrets = signingSecrets }
                    if !delivery.isEmpty { webhook.deliverySettings = delivery.applied(to: webhook.deliverySettings) }
                }
            } catch WebhookStore.ChangeError.doesNotExist {
                throw fail("Webhook does not exists", .webhookDoesNotExist, json: output.json)
            }
        }
        try printSyncResult(layout: layout, json: output.json)
    }
}
