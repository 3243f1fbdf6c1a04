import ArgumentParser
import GlusterEvents
import GlusterHost

struct WebhookDel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "webhook-del", abstract: "Remove a webhook.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "URL of the webhook.") var url: String

    func run() throws {
        let layout = state.resolve()
        try withReportedFileErrors(json: output.json) {
            try layout.createSharedFolder()
            do {
                try layout.webhookStore.remove(url: url)
            } catch WebhookStore.ChangeError.doesNotExist {
                throw fail("Webhook does not exists", .webhookDoesNotExist, json: output.json)
            }
        }
        try printSyncResult(layout: layout, json: output.json)
    }
}
