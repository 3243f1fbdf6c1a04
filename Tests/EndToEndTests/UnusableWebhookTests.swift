import Foundation
import Testing
import TestSupport

/// A webhooks.json entry that is not a plain http(s) webhook (hand-edited, or copied from a peer)
/// is reported and never delivered to; the commands refuse to make one.
@Suite struct UnusableWebhookTests {
    @Test func aGopherURLAndATokenWithACarriageReturnAreNeverUsed() throws {
        let workdir = TemporaryDirectory()
        let redis = try RawTCPListener()  // what the gopher:// URL points at
        defer { redis.shutdown() }
        let injected = try RecordingWebhookServer()  // registered with a token holding a bare CR
        defer { injected.shutdown() }
        let good = try RecordingWebhookServer()
        defer { good.shutdown() }
        let gopher = "gopher://127.0.0.1:\(redis.port)/_SET%20pwned%201%0D%0A"
        let file = """
            {"\(gopher)": {"token": "", "secret": ""}, \
            "\(injected.url)": {"token": "abc\\rX-Injected: yes", "secret": ""}, \
            "\(good.url)": {"token": "", "secret": ""}}
            """
        workdir.write(file, to: "webhooks.json")

        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_CREATE", "name=gv0"])
        #expect(good.waitForRequests(1).count == 1)  // delivery ran

        // Nothing reached the local service or the webhook with the bad token.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(redis.received.connections == 0 && redis.received.bytes.isEmpty)
        #expect(injected.requests.isEmpty)
        #expect(!injected.requests.contains { $0.header("X-Injected") != nil })

        // status names both entries and why, with and without the engine's view.
        let text = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(text.contains("NOT USED: webhook URL must start with http:// or https://"), "\(text)")
        #expect(text.contains("NOT USED: bearer token must not contain control character U+000D"), "\(text)")
        #expect(text.contains("Problem: \(workdir.path)/webhooks.json: not delivered to"), "\(text)")
        #expect(text.contains("\(injected.url): not delivered to — not used: bearer token"), "\(text)")
        let json = try Eventsdash.run(["status", "--json", "--workdir", workdir.path]).stdout
        let output = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["output"] as? [String: Any]
        let problems = output?["webhook_problems"] as? [String: String]
        #expect(problems?.keys.sorted() == [gopher, injected.url].sorted(), "\(json)")
        #expect(((output?["engine"] as? [String: Any])?["problem"] as? String)?.contains(gopher) == true)

        // A test ping or redelivery to them is refused too; the file is as it was.
        let test = try Eventsdash.run(["webhook-test", injected.url, "--workdir", workdir.path])
        #expect(test.status != 0 && test.stderr.contains("bearer token must not contain"), "\(test.stderr)")
        let redeliver = try Eventsdash.run(["redeliver", gopher, "1", "--workdir", workdir.path])
        #expect(redeliver.status != 0 && redeliver.stderr.contains("must start with http://"), "\(redeliver.stderr)")
        serve.stop()
        #expect(injected.requests.isEmpty && redis.received.connections == 0)
        #expect(workdir.read("webhooks.json") == file)
    }

    @Test func commandsRefuseOtherSchemesAndControlCharacters() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        for (arguments, stdin, why) in [
            (["webhook-add", "gopher://127.0.0.1:6379/_x"], "", "must start with http:// or https://"),
            (["webhook-add", server.url, "-t", "abc\rX-Injected: yes"], "", "bearer token must not contain control character U+000D"),
            (["webhook-add", server.url, "-s", "-"], "s\u{1B}[2J\n", "secret must not contain control character U+001B"),
            (["webhook-test", server.url, "-t", "abc\rX-Injected: yes"], "", "bearer token must not contain"),
            (["webhook-test", "http://127.0.0.1:\(server.port)/a\rb"], "", "webhook URL must not contain"),
        ] {
            let result = try Eventsdash.run(arguments + ["--workdir", workdir.path], stdin: stdin)
            #expect(result.status == 1 && result.stderr.contains(why), "\(arguments): \(result.stderr)")
        }
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path])
        let mod = try Eventsdash.run(["webhook-mod", server.url, "-t", "a\nb", "--workdir", workdir.path])
        #expect(mod.status == 1 && mod.stderr.contains("bearer token must not contain"), "\(mod.stderr)")
        #expect(server.requests.isEmpty)
        #expect(workdir.read("webhooks.json")?.contains("\"token\": \"\"") == true)
    }
}
