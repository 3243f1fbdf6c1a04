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

    @Test func wrongTypesInAFileAreReported() throws {
        dir.write(#"{"port": "fast"}"#, to: "config.json")
        let error = #expect(throws: ConfigFileError.self) { try store.load() }
        #expect(error?.problem.contains("port must be a whole number") == true)
    }

    @Test(arguments: [
        ("port", "56000", JSONValue.int(56000)), ("log-level", "debug", .string("DEBUG")),
        ("disable-events-log", "on", .bool(true)), ("disable-events-log", "False", .bool(false)),
    ])
    func parsesSettingsAsUsersTypeThem(name: String, text: String, value: JSONValue) throws {
        #expect(try EventsConfig.parseSetting(name: name, text: text).get() == value)
    }

    @Test(arguments: [("port", "0"), ("port", "70000"), ("port", "x"), ("log-level", "LOUD"), ("disable-events-log", "maybe"), ("colour", "red")])
    func refusesBadSettings(name: String, text: String) {
        #expect(throws: EventsConfig.Problem.self) { try EventsConfig.parseSetting(name: name, text: text).get() }
    }

    @Test func whitespaceOnlyFileIsEmpty() throws {
        dir.write("  \n", to: "config.json")
        #expect(try store.load().port == 55555)
    }
}
