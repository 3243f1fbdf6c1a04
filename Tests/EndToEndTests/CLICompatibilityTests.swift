import Foundation
import Testing
import TestSupport

/// gluster-eventsapi's commands: option spellings, table and JSON shapes, exit codes.
@Suite struct CLICompatibilityTests {
    let workdir = TemporaryDirectory()
    private func run(_ arguments: [String], stdin: String = "") throws -> Eventsdash.Result {
        try Eventsdash.run(arguments + ["--workdir", workdir.path], stdin: stdin)
    }

    static let syncTable = """
        +-----------+-------------+-------------+
        |    NODE   | NODE STATUS | SYNC STATUS |
        +-----------+-------------+-------------+
        | localhost |          UP |          OK |
        +-----------+-------------+-------------+

        """

    @Test func webhookLifecycleWithGlusterExitCodes() throws {
        let add = try run(["webhook-add", "http://127.0.0.1:9/a", "--bearer_token", "t1"])
        #expect(add.status == 0)
        #expect(add.stdout == Self.syncTable)
        #expect(workdir.read("webhooks.json") == #"{"http://127.0.0.1:9/a": {"secret": "", "token": "t1"}}"#)

        let again = try run(["webhook-add", "http://127.0.0.1:9/a"])
        #expect(again.status == 5)
        #expect(again.stderr == "Webhook already exists\n")

        #expect(try run(["webhook-mod", "http://127.0.0.1:9/a", "-s", "s1"]).status == 0)
        #expect(workdir.read("webhooks.json") == #"{"http://127.0.0.1:9/a": {"secret": "s1", "token": "t1"}}"#)
        #expect(try run(["webhook-mod", "http://127.0.0.1:9/zz", "-t", "x"]).status == 6)

        let status = try run(["status"])
        #expect(status.stdout.hasPrefix("Webhooks: \nhttp://127.0.0.1:9/a\n\n"))

        #expect(try run(["webhook-del", "http://127.0.0.1:9/a"]).status == 0)
        #expect(workdir.read("webhooks.json") == "{}")
        let missing = try run(["webhook-del", "http://127.0.0.1:9/a", "--json"])
        #expect(missing.status == 6)
        #expect(missing.stdout == #"{"error": "Webhook does not exists", "output": ""}"# + "\n")
    }

    @Test func secretsAndTokensCanComeFromStandardInput() throws {
        #expect(try run(["webhook-add", "http://h/x", "-t", "-"], stdin: "from-stdin\n").status == 0)
        #expect(try run(["webhook-add", "http://h/y", "--secret", "-"], stdin: "s-stdin\n").status == 0)
        let file = try #require(workdir.json("webhooks.json"))
        #expect((file["http://h/x"] as? [String: String])?["token"] == "from-stdin")
        #expect((file["http://h/y"] as? [String: String])?["secret"] == "s-stdin")
    }

    @Test func badURLsAreRefused() throws {
        let result = try run(["webhook-add", "ftp://h/x"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("must start with http:// or https://"))
        #expect(workdir.read("webhooks.json") == nil)
    }

    @Test func configGetSetResetWithGlusterShapes() throws {
        let table = try run(["config-get"]).stdout
        #expect(
            table == """
                +--------------------+-------+
                |        NAME        | VALUE |
                +--------------------+-------+
                |     log-level      |  INFO |
                |        port        | 55555 |
                | disable-events-log | False |
                +--------------------+-------+

                """)
        let one = try run(["config-get", "--name", "port", "--json"])
        #expect(one.stdout.contains(#""output": {"port": "#))

        let set = try run(["config-set", "port", "56000"])
        #expect(set.status == 0)
        #expect(set.stdout.contains("UDP port is now 56000"))
        #expect(set.stdout.contains("gluster's daemons always send events to port 55555"))
        #expect(workdir.read("config.json") == #"{"port": 56000}"#)

        #expect(try run(["config-set", "port", "56000"]).status == 2)
        #expect(try run(["config-set", "port", "banana"]).status == 7)
        #expect(try run(["config-set", "colour", "red"]).stderr == "Invalid Config item\n")
        #expect(try run(["config-get", "--name", "colour"]).status == 7)
        #expect(try run(["config-set", "disable-events-log", "on"]).status == 0)
        #expect(try run(["config-get", "--name", "disable-events-log"]).stdout.contains("| disable-events-log |  True |"))

        #expect(try run(["config-reset", "port"]).status == 0)
        #expect(try run(["config-reset", "port"]).status == 2)
        #expect(try run(["config-reset", "all"]).status == 0)
        #expect(workdir.read("config.json") == "{}")
        let again = try run(["config-reset", "all", "--json"])
        #expect(again.status == 2)
        #expect(again.stdout.contains(#""error": "Config value not reset. Already set to default value""#))
    }

    @Test func malformedFilesAreReportedWithTheirPathAndKept() throws {
        workdir.write(#"{"http://a/": "#, to: "webhooks.json")
        let result = try run(["webhook-add", "http://b/"])
        #expect(result.status == 7)
        #expect(result.stderr.contains(workdir.path + "/webhooks.json: not valid JSON"))
        #expect(workdir.read("webhooks.json") == #"{"http://a/": "#)
        // status says so and still shows the rest (the engine, the files), exit 7 all the same
        let status = try run(["status"])
        #expect(status.status == 7)
        #expect(status.stdout.contains("Webhooks: NOT READ: " + workdir.path + "/webhooks.json: not valid JSON"))
        #expect(status.stdout.contains("Engine: not running on this workdir"))
        let json = try run(["status", "--json"])
        #expect(json.status == 7)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["error"] as? String)?.contains("webhooks.json: not valid JSON") == true)
        #expect(((object["output"] as? [String: Any])?["engine"] as? [String: Any])?["running"] as? Bool == false)
        #expect(workdir.read("webhooks.json") == #"{"http://a/": "#)
    }

    @Test func sendRefusesUnknownEventsWithAHint() throws {
        let result = try run(["send", "VOLUME_CREAT", "name=x"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown event 'VOLUME_CREAT' (did you mean VOLUME_CREATE?)"))
        #expect(try run(["send", "VOLUME_CREATE", "novalue"]).stderr.contains("is not key=value"))
    }
}
