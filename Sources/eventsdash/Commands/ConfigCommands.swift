import ArgumentParser
import Foundation
import GlusterEvents
import GlusterHost

struct ConfigGet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config-get", abstract: "Show the events config.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Show only this config item.") var name: String?

    func run() throws {
        if let name, ConfigKey(rawValue: name) == nil {
            throw fail("Invalid Config item", .invalidConfig, json: global.json)
        }
        let config = try withReportedFileErrors(json: global.json) { try global.configStore.load() }
        let members = (config.values.objectMembers ?? []).filter { name == nil || $0.key == name }
        if global.json {
            printJSONOutput(.object(members))
            return
        }
        var table = PrettyTable(["NAME", "VALUE"])
        for member in members { table.add([member.key, Self.pythonText(member.value)]) }
        Output.lines(table.lines)
    }

    /// A value as Python's `str()` prints it in gluster-eventsapi's table.
    static func pythonText(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .bool(let b): b ? "True" : "False"
        default: value.encoded()
        }
    }
}

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

/// What a port change means: a restart, and (away from 55555) gluster's daemons no longer reach us.
func portChangeNotice(_ port: Int) -> [String] {
    var lines = ["", "UDP port is now \(port): restart eventsdash (and glustereventsd) in all nodes for it to take effect."]
    if port != EventsConfig.glusterSendersPort {
        lines.append(
            "Note: gluster's daemons always send events to port \(EventsConfig.glusterSendersPort), whatever the config says;"
            + " on port \(port) only senders you point at it (e.g. eventsdash send --port \(port)) are heard.")
    }
    return lines
}
