import Foundation
import Testing

/// `GlusterEvents` is the pure model: it may use Foundation's value types (Data, JSON), never its
/// file or process API, nor libc. Its imports are scoped to name exactly what it uses, and the
/// target builds with `MemberImportVisibility`, so Foundation's members are visible only in files
/// that import it; this test keeps the list short and the file and process calls out.
@Suite struct ModelPurityTests {
    static let modelSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/GlusterEvents")

    static let allowedImports: Set = [
        "import Crypto",
        "import struct Foundation.Calendar",
        "import struct Foundation.Data",
        "import struct Foundation.Date",
        "import struct Foundation.DateComponents",
        "import struct Foundation.TimeZone",
        "import class Foundation.JSONSerialization",
        "import class Foundation.NSDecimalNumber",
        "import class Foundation.NSError",
        "import class Foundation.NSNumber",
        "import var Foundation.NSDebugDescriptionErrorKey",
    ]

    /// Calls that reach files, processes or the environment, as they are spelled in code.
    static let hostCalls = [
        #"\b(FileManager|FileHandle|ProcessInfo|Process|URL|Glibc|Darwin)\b"#, #"\b(Data|String)\(contentsOf"#,
        #"contentsOfFile|toFile:|atomically:|posix_spawn"#,
        #"(^|[^.\w])(open|fopen|close|flock|fsync|stat|mkdir|unlink|rename|getenv|setenv|kill|fork|exec\w*)\("#,
    ]

    /// Each source file's code lines, comments left out.
    static func codeLines() throws -> [(file: String, line: String)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: modelSources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        return try files.sorted().flatMap { file in
            try String(contentsOf: modelSources.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.hasPrefix("//") }
                .map { (file, $0) }
        }
    }

    @Test func importsOnlyFoundationsValueTypes() throws {
        let imports = try Self.codeLines().filter { $0.line.hasPrefix("import ") || $0.line.hasPrefix("@testable import") }
        #expect(!imports.isEmpty)
        for (file, line) in imports {
            #expect(Self.allowedImports.contains(line), "\(file): \(line)")
        }
    }

    @Test func makesNoFileOrProcessCalls() throws {
        let hostCalls = try Self.hostCalls.map { try Regex($0) }
        let stringLiteral = try Regex(#""[^"]*""#)
        for (file, code) in try Self.codeLines() {
            let line = code.replacing(stringLiteral, with: "\"\"")
            for call in hostCalls where line.contains(call) {
                Issue.record("\(file): \(line)")
            }
        }
    }
}
