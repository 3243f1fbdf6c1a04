import ArgumentParser
import GlusterEvents
import GlusterHost

struct ConfigSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config-set", abstract: "Set an events config item.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Config item: \(ConfigKey.names).") var name: String
    @Argument(help: "New value.") var value: String

    func run() throws {
        guard let key = ConfigKey(rawValue: name) else { throw fail("Invalid Config item", .invalidConfig, json: global.json) }
        let parsed: JSONValue
        switch EventsConfig.parseSetting(key, text: value) {
        case .success(let value): parsed = value
        case .failure(let problem): throw fail(problem.description, .invalidConfig, json: global.json)
        }
        try withReportedFileErrors(json: global.json) {
            do {
                try global.configStore.set(name: name, value: parsed)
            } catch ConfigStore.ChangeError.sameValue {
                throw fail("Config value not changed. Same config", .sameConfig, json: global.json)
            }
        }
        if key == .port && !global.json { Output.lines(portChangeNotice(parsed.intValue.map(Int.init) ?? 0)) }
        try printSyncResult(layout: global.layout, json: global.json)
    }
}
