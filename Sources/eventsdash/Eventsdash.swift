import ArgumentParser

@main
struct Eventsdash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eventsdash",
        abstract: "Watch and route GlusterFS events: receiver, webhook delivery and gluster-eventsapi in one tool.",
        discussion: """
            Without a command, runs the engine in the foreground (as `serve`). \
            State lives in --workdir (or EVENTSDASH_WORKDIR); without it, glusterd's webhooks.json and \
            config.json are shared when writable, and the rest lives in eventsdash's state directory.
            """,
        subcommands: [
            Serve.self, Status.self, WebhookAdd.self, WebhookMod.self, WebhookDel.self, WebhookTest.self,
            ConfigGet.self, ConfigSet.self, ConfigReset.self, Send.self, Tail.self,
        ],
        defaultSubcommand: Serve.self
    )
}
