import Foundation
import Testing

/// `eventsdash --help` groups the commands as an admin looks for them, and each command offers only
/// the options it acts on.
@Suite struct HelpTests {
    static let groups: [(header: String, commands: [String])] = [
        ("WATCH SUBCOMMANDS:", ["dashboard (default)", "status", "health", "tail"]),
        ("WEBHOOK SUBCOMMANDS:", ["webhook-add", "webhook-mod", "webhook-del", "webhook-test"]),
        ("CONFIG SUBCOMMANDS:", ["config-get", "config-set", "config-reset"]),
        ("DELIVERY SUBCOMMANDS:", ["given-up", "redeliver"]),
        ("SERVICE SUBCOMMANDS:", ["serve", "sync", "send"]),
    ]

    @Test func helpListsTheCommandsInGroups() throws {
        let help = try Eventsdash.run(["--help"])
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Each group's header, then its commands in order, each at the start of its own entry.
        var seen: [(header: String, commands: [String])] = []
        for line in lines {
            if line.hasSuffix("SUBCOMMANDS:") {
                seen.append((line, []))
            } else if !seen.isEmpty, line.hasPrefix("  "), !line.hasPrefix("   "), !line.hasPrefix("  See ") {
                let name = line.dropFirst(2).components(separatedBy: "   ").first ?? ""
                seen[seen.count - 1].commands.append(name.trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(seen.map(\.header) == Self.groups.map(\.header))
        #expect(seen.map(\.commands) == Self.groups.map(\.commands))
    }

    static let printing = [
        "status", "tail", "webhook-add", "webhook-mod", "webhook-del", "webhook-test", "config-get", "config-set",
        "config-reset", "given-up", "redeliver", "sync", "health show", "send",
    ]
    static let decidingHealth = ["health mute", "health unmute", "health ack"]
    static let usingThePort = ["dashboard", "serve", "send"]

    @Test(arguments: printing + usingThePort.filter { !printing.contains($0) } + decidingHealth)
    func optionsAreOfferedOnlyWhereTheyAct(command: String) throws {
        let help = try Eventsdash.run(command.split(separator: " ").map(String.init) + ["--help"]).stdout
        #expect(help.contains("--workdir <workdir>"))
        #expect(help.contains("--port <port>") == Self.usingThePort.contains(command))
        #expect(help.contains("--json") == Self.printing.contains(command))
    }

    /// `--version` prints the version alone, as scripts/package reads it to name the package.
    @Test func versionIsPrintedAlone() throws {
        let result = try Eventsdash.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test func anOptionACommandIgnoresIsRefused() throws {
        let result = try Eventsdash.run(["status", "--port", "56000"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--port'"))
    }
}
