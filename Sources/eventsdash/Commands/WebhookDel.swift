import ArgumentParser
import GlusterEvents
import GlusterHost

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
