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
        if name.lowercased() != "all" && ConfigKey(rawValue: name) == nil {
            throw fail("Invalid Config item", .invalidConfig, json: output.json)
        }
        let removed = try withReportedFileErrors(json: output.json) {
            do {
                return try state.configStore.reset(name: name)
            } catch ConfigStore.ChangeError.alreadyDefault {
                throw fail("Config value not reset. Already set to default value", .sameConfig, json: output.json)
            }
        }
        if removed.contains(ConfigKey.port.rawValue) && !output.json {
            let port = (try? state.configStore.load().port) ?? EventsConfig.glusterSendersPort
            Output.lines(portChangeNotice(port))
        }
        try printSyncResult(layout: state.layout, json: output.json)
    }
}
