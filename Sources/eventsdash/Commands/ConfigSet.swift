import ArgumentParser
import GlusterEvents
import GlusterHost

struct ConfigSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config-set", abstract: "Set an events config item.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Argument(help: "Config item: \(ConfigKey.names).") var name: String
    @Argument(help: "New value.") var value: String

    func run() throws {
        let layout = state.resolve()
        guard let key = ConfigKey(rawValue: name) else { throw fail("Invalid Config item", .invalidConfig, json: output.json) }
        let parsed: JSONValue
        switch EventsConfig.parseSetting(key, text: value) {
        case .success(let value): parsed = value
        case .failure(let problem): throw fail(problem.description, .invalidConfig, json: output.json)
        }
        try withReportedFileErrors(json: output.json) {
            try layout.createSharedFolder()
            do {
                try layout.configStore.set(name: name, value: parsed)
            } catch ConfigStore.ChangeError.sameValue {
                throw fail("Config value not changed. Same config", .sameConfig, json: output.json)
            }
        }
        if key == .port && !output.json { Output.lines(portChangeNotice(parsed.intValue.map(Int.init) ?? 0)) }
        try printSyncResult(layout: layout, json: output.json)
    }
}
