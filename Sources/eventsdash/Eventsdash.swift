import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

@main
struct Eventsdash: ParsableCommand {
    /// The one place the version is written: `--version` prints it, `/metrics` names it
    /// (`eventsdash_info`), scripts/package names the .deb after it.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "eventsdash",
        abstract: "Watch and route GlusterFS events: receiver, webhook delivery and gluster-eventsapi in one tool.",
        discussion: """
            Without a command, opens the full-screen dashboard (the engine runs inside it). \
            State lives in --workdir (or EVENTSDASH_WORKDIR); without it, glusterd's webhooks.json and \
            config.json are shared when writable, and the rest lives in eventsdash's state directory.
            """,
        version: version,
        subcommands: [FilterTimingCommand.self],  // hidden: for bench/filter.sh
        groupedSubcommands: [
            CommandGroup(name: "Watch", subcommands: [DashboardCommand.self, Status.self, Health.self, Tail.self]),
            CommandGroup(name: "Webhook", subcommands: [WebhookAdd.self, WebhookMod.self, WebhookDel.self, WebhookTest.self]),
            CommandGroup(name: "Config", subcommands: [ConfigGet.self, ConfigSet.self, ConfigReset.self]),
            CommandGroup(name: "Delivery", subcommands: [GivenUp.self, Redeliver.self]),
            CommandGroup(name: "Service", subcommands: [Serve.self, Sync.self, Send.self]),
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// Unblocks the stop signals before running a command: a parent may have blocked them (some
    /// test runners and service wrappers do), and a child inherits that, so `tail --follow` or
    /// `serve` would then ignore SIGTERM.
    ///
    /// Runs the command as ArgumentParser's `main` does, but prints its messages (which quote the
    /// arguments given: an unknown option, a bad value) through `Output`, escaped like all output.
    static func main() {
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&stopSignals, number) }
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            var message = fullMessage(for: error)
            while message.hasSuffix("\n") { message.removeLast() }
            if !message.isEmpty { Output.message(message, to: code == .success ? .standardOutput : .standardError) }
            Foundation.exit(code.rawValue)
        }
    }
}
