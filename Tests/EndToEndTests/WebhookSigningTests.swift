import Foundation
import Testing
import TestSupport

/// Issue 17: Standard Webhooks signatures, checked by the official `standardwebhooks` library
/// (PyPI; `scripts/setup --tests` installs it): every secret of a rotation verifies, a tampered
/// body, a moved timestamp, an old timestamp and another secret do not.
@Suite struct WebhookSigningTests {
    static let libraryInstalled = (try? Command.run("/usr/bin/env", ["python3", "-c", "import standardwebhooks"]).status) == 0
    static let old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let new = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"

    /// What the library says of `request` for each check, by name: "ok" or the error's words.
    static func verify(_ request: RecordingWebhookServer.Request, secrets: [String]) throws -> [String: String] {
        let script = #"""
            import json, sys, time
            from standardwebhooks.webhooks import Webhook, WebhookVerificationError
            given = json.load(sys.stdin)
            body, headers = given["body"], given["headers"]
            def check(secret, body, headers):
                try:
                    Webhook(secret).verify(body, headers)
                    return "ok"
                except WebhookVerificationError as error:
                    return str(error)
            moved = dict(headers, **{"webhook-timestamp": str(int(headers["webhook-timestamp"]) + 1)})
            old = dict(headers, **{"webhook-timestamp": str(int(time.time()) - 600)})
            results = {"secret %d" % n: check(secret, body, headers) for n, secret in enumerate(given["secrets"])}
            results["tampered body"] = check(given["secrets"][0], body.replace("gv0", "gv1"), headers)
            results["moved timestamp"] = check(given["secrets"][0], body, moved)
            results["old timestamp"] = check(given["secrets"][0], body, old)
            results["another secret"] = check("whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB", body, headers)
            print(json.dumps(results))
            """#
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        let input = try JSONSerialization.data(withJSONObject: ["body": request.body, "headers": headers, "secrets": secrets])
        let run = try Command.run("/usr/bin/env", ["python3", "-c", script], stdin: String(decoding: input, as: UTF8.self))
        let results = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String]
        return try #require(results, "python: \(run.stdout)\(run.stderr)")
    }

    @Test(.enabled(if: libraryInstalled || RealTool.required, "needs PyPI's standardwebhooks (scripts/setup --tests)"))
    func theStandardWebhooksLibraryVerifiesEverySecretAndRefusesWhatWasChanged() throws {
        try #require(Self.libraryInstalled, "CI is set but PyPI's standardwebhooks is not installed: run scripts/setup --tests")
        let workdir = TemporaryDirectory()
        let receiver = try RecordingWebhookServer()
        defer { receiver.shutdown() }
        // Two secrets, as during a rotation; the second read from standard input.
        let added = try Eventsdash.run(
            ["webhook-add", receiver.url, "--signing-secret", Self.old, "--signing-secret", "-", "--workdir", workdir.path],
            stdin: Self.new + "\n")
        #expect(added.status == 0, "\(added.stderr)")
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])
        defer { serve.stop() }
        sendRaw("1700000000 2 name=gv0", port: serve.port)
        let event = try #require(receiver.waitForRequests(1).first)
        #expect(event.header("webhook-signature")?.split(separator: " ").count == 2)
        let results = try Self.verify(event, secrets: [Self.old, Self.new])
        #expect(results["secret 0"] == "ok" && results["secret 1"] == "ok", "\(results)")
        for refused in ["tampered body", "moved timestamp", "another secret"] {
            #expect(results[refused] == "No matching signature found", "\(refused): \(results)")
        }
        #expect(results["old timestamp"] == "Message timestamp too old", "\(results)")

        // A test ping is signed too, with an id of its own.
        let ping = try Eventsdash.run(["webhook-test", receiver.url, "--workdir", workdir.path])
        #expect(ping.status == 0, "\(ping.stdout)")
        let pinged = try #require(receiver.waitForRequests(2).last)
        #expect(pinged.header("webhook-id")?.hasPrefix("test-") == true)
        #expect(try Self.verify(pinged, secrets: [Self.new])["secret 0"] == "ok")

        // status names the kind, never a secret; --no-signing stops it.
        let status = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(status.contains("auth signed (2 signing secrets)"), "\(status)")
        let json = try Eventsdash.run(["status", "--json", "--workdir", workdir.path]).stdout
        #expect(json.contains(#""webhook_auth": {"\#(receiver.url)": "signed"}"#), "\(json)")
        for secret in [Self.old, Self.new] {
            let key = String(secret.dropFirst("whsec_".count))
            #expect(!status.contains(key) && !json.contains(key) && !serve.stop().contains(key))
        }
        #expect(try Eventsdash.run(["webhook-mod", receiver.url, "--no-signing", "--workdir", workdir.path]).status == 0)
        let webhooks = try String(contentsOfFile: workdir.path + "/webhooks.json", encoding: .utf8)
        #expect(!webhooks.contains("signing_secrets"), "\(webhooks)")
        let refused = try Eventsdash.run(["webhook-add", receiver.url + "/x", "--signing-secret", "whsec_short", "--workdir", workdir.path])
        #expect(refused.status != 0 && refused.stderr.contains("the base64 of 24 to 64 random bytes"), "\(refused.stderr)")
    }
}
