import Foundation
import GlusterEvents
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing from outside reaches the terminal raw: URLs, libcurl's errors, given-up reasons, node
/// ids, event fields, file contents quoted in errors, arguments quoted by the parser. Every text
/// output of the CLI escapes them; `--json` output stays JSON, with them as `\uXXXX`.
@Suite struct TerminalOutputTests {
    /// Sets the terminal's title, clears the screen, a C1 CSI, a bidi override, a bare CR.
    static let attack = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}\r"

    /// Raw control characters (C0 but a line break, DEL, C1) and invisible reordering ones.
    static func unsafe(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                || [0x061C, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069].contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value)
        }.map { "U+" + String($0.value, radix: 16) }
    }

    @Test func everyOutputEscapesWhatCameFromOutside() throws {
        let a = Self.attack
        let workdir = TemporaryDirectory()
        // An event carrying the attack in its name's fields, logged by a real engine (for tail).
        let serve = try ServeProcess(workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"])
        sendRaw("1700000000 2 name\(a)=v\(a);k=\(a)", port: serve.port)
        #expect(waitFor(timeout: 5) { (try? loggedEvents(workdir: workdir.path).count) == 1 })
        serve.stop()

        // webhooks.json, given-up.log and config.json as a hand edit or a peer's copy could leave them.
        let hostile = "http://127.0.0.1:1/p\(a)?q=\(a)"
        let usable = "http://127.0.0.1:1/listen"
        let none = JSONValue.object([("token", .string("")), ("secret", .string(""))])
        workdir.write(JSONValue.object([(hostile, none), (usable, none)]).encoded(), to: "webhooks.json")
        let givenUp = [hostile, usable].map { url in
            JSONValue.object([
                ("at", .int(1_700_000_000_000)), ("sequence", .int(1)), ("url", .string(url)), ("given_up", .string("HTTP 422: \(a)")),
            ]).encoded()
        }
        workdir.write(givenUp.joined(separator: "\n") + "\n", to: "given-up.log")

        // An engine's published figures with the attack in every string: held by this process.
        let lock = open(workdir.path + "/engine.lock", O_RDWR | O_CREAT, 0o600)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        ftruncate(lock, 0)
        _ = "\(getpid())\n".withCString { pwrite(lock, $0, strlen($0), 0) }
        let health: [String: Any] = [
            "state": "failing", "delivered": 0, "failed": 3, "backlog": 1, "retrying": 1, "given_up": 1, "deliveries_per_second": 0.0,
            "last_error": "SSL: certificate subject name '\(a)' does not match target host name", "last_latency_ms": 1.5,
        ]
        let engine: [String: Any] = [
            "pid": Int(getpid()), "started_at": 1, "updated_at": Int(Date().timeIntervalSince1970) + 60, "node_id": "node\(a)",
            "port": 55555, "listen": ["127.0.0.1:55555\(a)"], "listen_failures": ["[::1]:55555: \(a)"], "receive_buffer_bytes": 1024,
            "received": 1, "accepted": 1, "rejected": 0, "truncated": 0, "kernel_drops": 0, "dropped_unlogged": 0,
            "rejected_by_reason": ["reason\(a)": 1], "last_sequence": 1, "problem": "problem \(a)",
            "webhooks": [hostile: health, usable: health],
            "nodes": ["node\(a)": ["name": "host\(a)", "events": 1, "last_event_at_ms": 1_700_000_000_000]],
            "http": ["listen": ["127.0.0.1:9000\(a)"], "requests": 1, "events": 1, "pings": 0, "rejected": 1, "rejected_by_reason": ["bad\(a)": 1]],
            "allow_from": ["10.0.0.0/8\(a)"],
        ]
        try JSONSerialization.data(withJSONObject: engine).write(to: URL(fileURLWithPath: workdir.path + "/engine.json"))

        let dir = ["--workdir", workdir.path]
        var outputs: [(arguments: [String], result: Eventsdash.Result)] = []
        func run(_ arguments: [String], stdin: String = "") throws {
            outputs.append((arguments, try Eventsdash.run(arguments + dir, stdin: stdin)))
        }
        for arguments in [
            ["status"], ["status", "--json"], ["given-up"], ["given-up", "--json"], ["given-up", hostile], ["tail"], ["tail", "--json"],
            ["redeliver", hostile, "1"], ["redeliver", usable, "1", "7"], ["redeliver", usable, "--given-up", "--json"],
            ["redeliver", "http://x/\(a)", "1"], ["webhook-test", hostile], ["webhook-test", usable], ["webhook-test", usable, "--json"],
            ["webhook-add", hostile], ["webhook-add", usable, "-t", a], ["webhook-mod", hostile, "-s", a], ["webhook-del", "http://x/\(a)"],
            ["sync"], ["send", "EVENT\(a)"], ["send", "VOLUME_CREATE", "k\(a)"], ["status", "--bogus\(a)"], ["tail", "-n", a],
        ] {
            try run(arguments)
        }
        // Config files quoted in errors, and a malformed webhooks.json.
        workdir.write(#"{"log-level": "\#(a)", "bad\#(a)": 1}"#, to: "config.json")
        try run(["config-get"])
        try run(["config-get", "--json"])
        try run(["config-set", "log-level", a])
        workdir.write("{\"\(a)\": [", to: "webhooks.json")
        try run(["status"])
        try run(["webhook-add", usable, "--json"])

        for (arguments, result) in outputs {
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                #expect(Self.unsafe(text).isEmpty, "\(arguments) \(stream): \(Self.unsafe(text)) in \(text)")
            }
            if arguments.contains("--json") && !result.stdout.isEmpty {
                for line in result.stdout.split(separator: "\n") {
                    #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(arguments): \(line)")
                }
            }
        }
        // The fields were shown, escaped: not left out.
        let status = outputs[0].result.stdout
        for shown in [
            "p\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202e\\r?q=", "certificate subject name '\\x1b]0;pwned", "node\\x1b]0;pwned",
            "host\\x1b]0;pwned", "Problem: problem \\x1b]0;pwned", "10.0.0.0/8\\x1b]0;pwned",
        ] {
            #expect(status.contains(shown), "\(shown) not in \(status)")
        }
        #expect(outputs[1].result.stdout.contains(#"node\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e\r"#))
        #expect(outputs[2].result.stdout.contains("HTTP 422: \\x1b]0;pwned"))
        #expect(outputs[5].result.stdout.contains("name\\x1b]0= pwned\\x07\\x1b[2J\\x9b31m\\u202e"))
        #expect(outputs.first { $0.arguments == ["status", "--bogus\(a)"] }?.result.stderr.contains("--bogus\\x1b]0;pwned") == true)
    }

    /// A line break in what an error quotes is shown, not taken: no forged line.
    @Test func anErrorIsOneLine() throws {
        let workdir = TemporaryDirectory()
        let result = try Eventsdash.run(["webhook-add", "http://a/\nEngine: running (pid 1)", "--workdir", workdir.path])
        #expect(result.status == 1 && result.stderr == "http://a/\\nEngine: running (pid 1): webhook URL must not contain control character U+000A\n")
    }

    /// The structure that keeps it so: only the output layer prints.
    @Test func onlyTheOutputLayerPrints() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/eventsdash")
        var checked = 0
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" && file.lastPathComponent != "Output.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for needle in ["print(", "FileHandle.standard", "fputs(", "fwrite(", "STDOUT_FILENO, ", "STDERR_FILENO"] {
                #expect(!text.contains(needle), "\(file.lastPathComponent) writes with \(needle): use Output")
            }
            checked += 1
        }
        #expect(checked > 10)
    }
}
