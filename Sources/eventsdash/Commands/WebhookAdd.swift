import ArgumentParser
import GlusterEvents
import GlusterHost
import WebhookDelivery

struct WebhookAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "webhook-add", abstract: "Register a webhook.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "URL of the webhook.") var url: String
    @OptionGroup var auth: WebhookAuthOptions
    @OptionGroup var delivery: WebhookDeliveryOptions

    func run() throws {
        let layout = state.resolve()
        let (token, secret) = auth.resolved()
        var webhook = Webhook(url: url, token: token ?? "", secret: secret ?? "")
        webhook.signingSecrets = try auth.resolvedSigningSecrets() ?? []
        try refuse(webhook.problem, url: url, json: output.json)
        webhook.deliverySettings = delivery.applied(to: WebhookSettings())
        try withReportedFileErrors(json: output.json) {
            try layout.createSharedFolder()
            do {
                try layout.webhookStore.add(webhook)
            } catch WebhookStore.ChangeError.alreadyExists {
                throw fail("Webhook already exists", .webhookAlreadyExists, json: output.json)
            }
        }
        try printSyncResult(layout: layout, json: output.json)
    }
}
