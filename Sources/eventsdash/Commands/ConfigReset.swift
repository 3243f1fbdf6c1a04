import ArgumentParser
import GlusterEvents
import GlusterHost

struct ConfigReset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config-reset", abstract: "Reset an events config item (or all) to its default.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "Config item, or 'all'.") var name: String

    func run() throws {
        let layout = state.resolve()
        if name.lowercased() != "all" && ConfigKey(rawValue: name) == nil {
            throw fail("Invalid Config item", .invalidConfig, json: output.json)
        }
        let removed = try withReportedFileErrors(json: output.json) {
            try layout.createSharedFolder()
            do {
                return try layout.configStore.reset(name: name)
            } catch ConfigStore.ChangeError.alreadyDefault {
                throw fail("Config value not reset. Already set to default value", .sameConfig, json: output.json)
            }
        }
        if removed.contains(ConfigKey.port.rawValue) && !output.json {
            let port = (try? layout.configStore.load().port) ?? EventsConfig.glusterSendersPort
            Output.lines(portChangeNotice(port))
        }
        try printSyncResult(layout: layout, json: output.json)
    }
}
