import ArgumentParser
import Foundation
import GlusterEvents
import GlusterHost

struct ConfigGet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config-get", abstract: "Show the events config.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption
    @Option(help: "Show only this config item.") var name: String?

    func run() throws {
        if let name, ConfigKey(rawValue: name) == nil {
            throw fail("Invalid Config item", .invalidConfig, json: output.json)
        }
        let config = try withReportedFileErrors(json: output.json) { try state.resolve().configStore.load() }
        let members = (config.values.objectMembers ?? []).filter { name == nil || $0.key == name }
        if output.json {
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
