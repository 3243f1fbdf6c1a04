import ClusterHealth
import Foundation
import GlusterEvents
import Testing
import TestSupport

@testable import EventsEngine

@Suite struct HealthHistoryFileTests {
    static func resolved(_ index: Int, closed: Double) -> ResolvedProblem {
        ResolvedProblem(
            id: ProblemID("brick-down/vm:/b\(index)")!,
            entity: Entity(fields: [.init(name: "peer", value: "vm"), .init(name: "brick", value: "/b\(index)")]), severity: .warning,
            opened: closed - 10, closed: closed, openedBy: .event, closedBy: .poll)
    }

    @Test func appendsLinesReadsThemSinceATimeAndStaysBounded() throws {
        let directory = TemporaryDirectory()
        let file = HealthHistoryFile(path: directory.file("health-history.jsonl"))
        #expect(file.read().isEmpty)
        file.append((0..<3).map { Self.resolved($0, closed: 100 + Double($0)) })
        #expect(file.read().map(\.closed) == [100, 101, 102])
        #expect(file.read(since: 101).map(\.closed) == [101, 102])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // a line that does not read is skipped
        try (String(contentsOfFile: file.path, encoding: .utf8) + "not json\n").write(toFile: file.path, atomically: false, encoding: .utf8)
        file.append([Self.resolved(9, closed: 200)])
        #expect(file.read().map(\.closed) == [100, 101, 102, 200])
        // past 1 MiB it moves aside: the last 1–2 MiB are kept, whatever is appended
        var next = 1000
        while (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0) < HealthHistoryFile.maxBytes {
            file.append((0..<500).map { Self.resolved($0, closed: Double(next + $0)) })
            next += 500
        }
        file.append([Self.resolved(1, closed: 1e9)])
        #expect(FileManager.default.fileExists(atPath: file.path + ".1"))
        #expect(file.read().last?.closed == 1e9 && file.read().first?.closed == 100)
        for _ in 0..<2 {
            file.append((0..<6000).map { Self.resolved($0, closed: 2e9) })
            file.append([Self.resolved(1, closed: 3e9)])
        }
        let size = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        #expect(size(file.path) + size(file.path + ".1") < 4 * HealthHistoryFile.maxBytes)
        #expect(file.read().first?.closed != 100)  // the oldest went
    }
}
