import Foundation
import GlusterEvents
import GlusterHost
import Testing
import TestSupport

@Suite struct ConfigStoreTests {
    let dir = TemporaryDirectory()
    var store: ConfigStore { ConfigStore(overridesPath: dir.path + "/config.json", defaultsPath: dir.path + "/eventsconfig.json") }

    @Test func builtInDefaultsWithoutFiles() throws {
        let config = try ConfigStore(overridesPath: dir.path + "/config.json", defaultsPath: nil).load()
        #expect(config.port == 55555)
        #expect(config.logLevel == "INFO")
        #expect(config.disableEventsLog == false)
    }

    @Test func overridesWinOverTheDefaultsFile() throws {
        dir.write(#"{"log-level": "DEBUG", "port": 55555, "disable-events-log": false}"#, to: "eventsconfig.json")
        dir.write(#"{"port": 56000}"#, to: "config.json")
        let config = try store.load()
        #expect(config.port == 56000)
        #expect(config.logLevel == "DEBUG")
    }

    @Test func setWritesTypedValuesAndRefusesTheSameValue() throws {
        try store.set(name: "port", value: .int(56001))
        try store.set(name: "disable-events-log", value: .bool(true))
        #expect(try JSONValue.parse(dir.read("config.json")!) == .object([("disable-events-log", .bool(true)), ("port", .int(56001))]))
        #expect(throws: ConfigStore.ChangeError.sameValue) { try store.set(name: "port", value: .int(56001)) }
        #expect(throws: ConfigStore.ChangeError.sameValue) { try store.set(name: "log-level", value: .string("INFO")) }
    }

    @Test func resetOneOrAll() throws {
        #expect(throws: ConfigStore.ChangeError.alreadyDefault) { try store.reset(name: "port") }
        try store.set(name: "port", value: .int(56001))
        try store.set(name: "log-level", value: .string("DEBUG"))
        #expect(try store.reset(name: "port") == ["port"])
        #expect(try store.load().port == 55555)
        #expect(try store.reset(name: "all") == ["log-level"])
        #expect(dir.read("config.json") == "{}")
        #expect(throws: ConfigStore.ChangeError.alreadyDefault) { try store.reset(name: "all") }
    }

    @Test func malformedFileIsReportedWithPathAndNeverOverwritten() throws {
        let broken = #"{"port": 56000,"#
        dir.write(broken, to: "config.json")
        let error = #expect(throws: ConfigFileError.self) { try store.load() }
        #expect(error?.path == dir.path + "/config.json")
        #expect(error?.description.contains("not valid JSON") == true)
        #expect(throws: ConfigFileError.self) { try store.set(name: "port", value: .int(1234)) }
        #expect(dir.read("config.json") == broken)
    }

    /// A config.json of megabytes (a 2 MB string in it) is no config: refused unread, kept.
    @Test func aFileTooLargeIsReportedUnreadAndKept() throws {
        let huge = #"{"log-level": ""# + String(repeating: "x", count: 2 << 20) + #""}"#
        dir.write(huge, to: "config.json")
        let error = #expect(throws: ConfigFileError.self) { try store.load() }
        #expect(error?.description.contains("more than the 1.0 MiB eventsdash reads") == true, "\(error?.description ?? "")")
        #expect(throws: ConfigFileError.self) { try store.set(name: "port", value: .int(1234)) }
        #expect(dir.read("config.json") == huge)
        dir.write(String(repeating: " ", count: 17 << 20), to: "webhooks.json")
        #expect(throws: ConfigFileError.self) { try WebhookStore(path: dir.path + "/webhooks.json").load() }
    }

    @Test func wrongTypesInAFileAreReported() throws {
        dir.write(#"{"port": "fast"}"#, to: "config.json")
        let error = #expect(throws: ConfigFileError.self) { try store.load() }
        #expect(error?.problem.contains("port must be a whole number") == true)
    }

    @Test(arguments: [
        (ConfigKey.port, "56000", JSONValue.int(56000)), (.logLevel, "debug", .string("DEBUG")),
        (.disableEventsLog, "on", .bool(true)), (.disableEventsLog, "False", .bool(false)),
    ])
    func parsesSettingsAsUsersTypeThem(key: ConfigKey, text: String, value: JSONValue) throws {
        #expect(try EventsConfig.parseSetting(key, text: text).get() == value)
    }

    @Test(arguments: [(ConfigKey.port, "0"), (.port, "70000"), (.port, "x"), (.logLevel, "LOUD"), (.disableEventsLog, "maybe")])
    func refusesBadSettings(key: ConfigKey, text: String) {
        #expect(throws: EventsConfig.Problem.self) { try EventsConfig.parseSetting(key, text: text).get() }
    }

    /// The names are gluster-eventsapi's, in its order; no other name is a config item.
    @Test func configKeysAreGlusterEventsapisNames() {
        #expect(ConfigKey.allCases.map(\.rawValue) == ["log-level", "port", "disable-events-log"])
        #expect(ConfigKey(rawValue: "colour") == nil)
    }

    @Test func whitespaceOnlyFileIsEmpty() throws {
        dir.write("  \n", to: "config.json")
        #expect(try store.load().port == 55555)
    }
}
