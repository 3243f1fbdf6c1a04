import ArgumentParser
import GlusterEvents
import GlusterHost

/// `--workdir`: where the state lives. Every command takes it.
struct StateOptions: ParsableArguments {
    @Option(help: "Directory for all state (webhooks.json, config.json, event log). Env: EVENTSDASH_WORKDIR.")
    var workdir: String?

    var layout: StateLayout { StateLayout.resolve(workdir: workdir) }
    var webhookStore: WebhookStore { WebhookStore(path: layout.webhooksFile) }
    var configStore: ConfigStore { ConfigStore(overridesPath: layout.configFile, defaultsPath: layout.defaultsFile) }
}
