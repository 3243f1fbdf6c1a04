import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// What eventsdash keeps to itself: every file it writes is its owner's alone, and webhook tokens
/// and secrets appear in none of its outputs or logs (they live only in webhooks.json, which is
/// 0600 too).
@Suite struct SecurityTests {
    static let token = "tok-3f9a1c-never-shown"
    static let secret = "sec-77b2e0-never-shown"

    @Test func stateFilesAreTheOwnersAloneAndSecretsShowNowhere() throws {
        let workdir = TemporaryDirectory()
        let refusing = try RecordingWebhookServer(status: 422)  // gives events up: the given-up log is written too
        defer { refusing.shutdown() }
        let accepting = try RecordingWebhookServer()
        defer { accepting.shutdown() }
        try Eventsdash.run(["webhook-add", refusing.url, "-t", "-", "--workdir", workdir.path], stdin: Self.token + "\n")
        try Eventsdash.run(["webhook-add", accepting.url, "-s", "-", "--workdir", workdir.path], stdin: Self.secret + "\n")
        try Eventsdash.run(["config-set", "log-level", "DEBUG", "--workdir", workdir.path])
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_CREATE", "name=gv0"])
        #expect(waitFor(timeout: 10) {
            let webhooks = serve.engineStatus()?["webhooks"] as? [String: [String: Any]]
            return webhooks?[refusing.url]?["given_up"] as? Int == 1 && webhooks?[accepting.url]?["delivered"] as? Int == 1
        })
        #expect(accepting.requests.first?.header("Authorization")?.hasPrefix("Bearer ey") == true)  // a JWT, not the secret

        // Every output a user or script sees, while it runs and after.
        var outputs: [String] = []
        for arguments in [["status"], ["status", "--json"], ["tail", "-n", "10"], ["tail", "--json"], ["given-up"], ["given-up", "--json"]] {
            let result = try Eventsdash.run(arguments + ["--workdir", workdir.path])
            outputs += [result.stdout, result.stderr]
        }
        outputs.append(serve.stop())
        outputs.append(try Eventsdash.run(["config-get", "--workdir", workdir.path]).stdout)
        for output in outputs {
            #expect(!output.contains(Self.token) && !output.contains(Self.secret), "\(output)")
        }

        // Every file: 0600 (directories 0700), and none but webhooks.json holds a token or secret.
        var checked = 0
        let root = URL(fileURLWithPath: workdir.path)
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let mode = (attributes[.posixPermissions] as? Int ?? -1) & 0o777
            let isDirectory = attributes[.type] as? FileAttributeType == .typeDirectory
            #expect(mode == (isDirectory ? 0o700 : 0o600), "\(url.path): \(String(mode, radix: 8))")
            if !isDirectory && url.lastPathComponent != "webhooks.json" {
                let contents = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                #expect(!contents.contains(Self.token) && !contents.contains(Self.secret), "\(url.path)")
            }
            checked += 1
        }
        let names = Set(FileManager.default.enumerator(atPath: workdir.path)!.compactMap { ($0 as? String).map { URL(fileURLWithPath: $0).lastPathComponent } })
        #expect(names.isSuperset(of: ["webhooks.json", "config.json", "engine.json", "engine.lock", "given-up.log", "delivery-positions.json"]), "\(names)")
        #expect(checked >= 8)
    }

    /// A webhook URL may carry a secret of its own: a password, a key in its query, a fragment.
    /// None of it shows in the operator log, `status`, `given-up` or the dashboard; the scheme,
    /// host, port, path and query keys do.
    @Test func secretsInAWebhookURLShowNowhere() throws {
        let workdir = TemporaryDirectory()
        let refusing = try RecordingWebhookServer(status: 422)
        defer { refusing.shutdown() }
        let secrets = ["PASSWORD-51ac", "QUERY-9d2e", "QUERY-41b0", "FRAGMENT-c3f7"]
        let url = "http://gluster:\(secrets[0])@127.0.0.1:\(refusing.port)/listen?key=\(secrets[1])&sig=\(secrets[2])#\(secrets[3])"
        let shown = "http://***@127.0.0.1:\(refusing.port)/listen?key=***&sig=***#***"
        try Eventsdash.run(["webhook-add", url, "--workdir", workdir.path])
        try Eventsdash.run(["config-set", "log-level", "DEBUG", "--workdir", workdir.path])
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])
        try Eventsdash.run(["send", "--port", "\(serve.port)", "VOLUME_CREATE", "name=gv0"])
        // (status --json names it as shown)
        #expect(waitFor(timeout: 10) { (serve.engineStatus()?["webhooks"] as? [String: [String: Any]])?[shown]?["given_up"] as? Int == 1 })

        var outputs: [String] = []
        for arguments in [["status"], ["status", "--json"], ["given-up"], ["given-up", "--json"]] {
            let result = try Eventsdash.run(arguments + ["--workdir", workdir.path])
            outputs += [result.stdout, result.stderr]
        }
        #expect(outputs[0].contains(shown) && outputs[4].contains(shown), "\(outputs[0])\(outputs[4])")
        let tmux = try Tmux(command: "\(Eventsdash.binary) dashboard --workdir \(workdir.path)", columns: 160, rows: 40)
        outputs.append(try tmux.waitForScreen { $0.contains("127.0.0.1:\(refusing.port)/listen") && $0.contains("failing") })
        try tmux.send("Tab")
        outputs.append(try tmux.waitForScreen { $0.contains("▶ WEBHOOKS") })
        try tmux.send("Enter")
        outputs.append(try tmux.waitForScreen { $0.contains("WEBHOOK http://***@") })
        try tmux.send("q")
        outputs.append(serve.stop())
        #expect(outputs.last?.contains("webhook \(shown)") == true, "\(outputs.last ?? "")")  // the operator log names it, redacted
        for output in outputs {
            #expect(!secrets.contains { output.contains($0) }, "\(output)")
        }
    }

    /// gluster-eventsapi may leave webhooks.json 0644: once eventsdash writes it, it is 0600 (tokens
    /// live there); config.json keeps its mode. A symlink planted at the temporary name gluster
    /// uses redirects nothing.
    @Test func webhooksFileBecomesTheOwnersAloneAndPlantedSymlinksAreNotFollowed() throws {
        let workdir = TemporaryDirectory()
        workdir.write("{}", to: "webhooks.json")
        workdir.write("{}", to: "config.json")
        workdir.write("victim", to: "victim")
        for name in ["webhooks.json", "config.json"] { chmod(workdir.path + "/" + name, 0o644) }
        try FileManager.default.createSymbolicLink(atPath: workdir.path + "/webhooks.json.tmp", withDestinationPath: workdir.path + "/victim")
        #expect(try Eventsdash.run(["webhook-add", "http://127.0.0.1:9/x", "-t", "-", "--workdir", workdir.path], stdin: Self.token + "\n").status == 0)
        #expect(try Eventsdash.run(["config-set", "log-level", "DEBUG", "--workdir", workdir.path]).status == 0)
        func mode(_ name: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: workdir.path + "/" + name)[.posixPermissions] as? Int ?? -1) & 0o777
        }
        #expect(try mode("webhooks.json") == 0o600)
        #expect(try mode("config.json") == 0o644)
        #expect(workdir.read("victim") == "victim")
        #expect(workdir.read("webhooks.json")?.contains(Self.token) == true)
    }

    /// `tail` prints events to a terminal: nothing an event carries (in a key, a value, or the node
    /// id of an HTTP-ingested one) reaches it as a control character or an invisible reordering one.
    @Test func tailShowsNoControlCharactersFromEvents() throws {
        let workdir = TemporaryDirectory()
        let httpPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"], extraArguments: ["--listen-http", "\(httpPort)"])
        defer { serve.stop() }
        sendRaw("1700000000 2 name=\u{1B}]0;title\u{07}=\u{9B}31m;x\u{1B}[2J=\u{202E}gnp.exe", port: serve.port)
        let body = #"{"event": "VOLUME_START", "message": {"k\u001b[31m": "v\u202e"}, "nodeid": "node-1", "ts": 1700000001}"#
        #expect(httpRequest("POST", "http://127.0.0.1:\(httpPort)/", body: body)?.status == 200)
        #expect(waitFor(timeout: 5) { (try? loggedEvents(workdir: workdir.path).count) == 2 })
        let printed = try Eventsdash.run(["tail", "--workdir", workdir.path]).stdout
        let unsafe = printed.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
        }
        #expect(unsafe.isEmpty, "\(unsafe.map { String($0.value, radix: 16) })")
        #expect(printed.contains("name=\\x1b]0") && printed.contains("x\\x1b[2J=\\u202egnp.exe"))
        #expect(printed.contains("k\\x1b[31m=v\\u202e"))
    }
}
