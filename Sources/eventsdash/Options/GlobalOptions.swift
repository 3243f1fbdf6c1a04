import ArgumentParser
import GlusterEvents
import GlusterHost

/// The options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Directory for all state (webhooks.json, config.json, event log). Env: EVENTSDASH_WORKDIR.")
    var workdir: String?

    @Option(help: "UDP port (overrides the config's port).")
    var port: Int?

    @Flag(help: "Machine-readable JSON output.")
    var json = false

    var layout: StateLayout { StateLayout.resolve(workdir: workdir) }

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be from 1 to 65535") }
    }

    var webhookStore: WebhookStore { WebhookStore(path: layout.webhooksFile) }
    var configStore: ConfigStore { ConfigStore(overridesPath: layout.configFile, defaultsPath: layout.defaultsFile) }
}
