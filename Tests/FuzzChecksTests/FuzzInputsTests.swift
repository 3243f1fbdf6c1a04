import Foundation
import FuzzChecks
import Testing

/// Replays the fuzzers' seed corpus and every input that once broke a property (`fuzz/`), so a
/// fixed crash stays fixed without running libFuzzer.
@Suite struct FuzzInputsTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz").path

    private func inputs(of target: FuzzTarget) -> [String] {
        ["corpus", "regressions"].flatMap { folder in
            let directory = "\(Self.fuzzDirectory)/\(folder)/\(target.rawValue)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.sorted().map { directory + "/" + $0 }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyKeptInputPasses(target: FuzzTarget) throws {
        let paths = inputs(of: target)
        #expect(paths.count >= 2, "no inputs for \(target.rawValue) under \(Self.fuzzDirectory)")
        for path in paths {
            let bytes = try #require(FileManager.default.contents(atPath: path))
            #expect(target.check(Array(bytes)) == nil, "\(path)")
        }
    }
}
