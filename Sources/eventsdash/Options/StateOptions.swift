import ArgumentParser
import GlusterEvents
import GlusterHost

/// `--workdir`: where the state lives. Every command takes it.
struct StateOptions: ParsableArguments {
    @Option(help: "Directory for all state (webhooks.json, config.json, event log). Env: EVENTSDASH_WORKDIR.")
    var workdir: String?

    /// Where the files are. A command works this out once: it looks at the file system and writes
    /// nothing (a command about to change the shared files calls `createSharedFolder()` first).
    func resolve() -> StateLayout { StateLayout.resolve(workdir: workdir) }
}
