import ArgumentParser
import GlusterEvents
import GlusterHost

struct ConfigReset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config-reset", abstract: "Reset an events config item (or all) to its default.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Config item, or 'all'.") var name: String

    func run() throws {
        if name.lowercased() != "all" && ConfigKey(rawValue: name) == nil {
            throw fail("Invalid Config item", .invalidConfig, json: global.json)
        }
        let removed = try withReportedFileErrors(json: global.json) {
            do {
                return try global.configStore.reset(name: name)
            } catch ConfigStore.ChangeError.alreadyDefault {
                throw fail("Config value not reset. Already set to default value", .sameConfig, json: global.json)
            }
        }
        if removed.contains(ConfigKey.port.rawValue) && !global.json {
            let port = (try? global.configStore.load().port) ?? EventsConfig.glusterSendersPort
            Output.lines(portChangeNotice(port))
        }
        try printSyncResult(layout: global.layout, json: global.json)
    }
}
