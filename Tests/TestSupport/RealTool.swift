import Foundation

/// The real programs tests talk to (Prometheus, Alertmanager…), which `scripts/setup --tests`
/// installs. A test that needs one runs when it is installed, and also wherever it is required —
/// CI, which installs it, so that there its absence fails the test instead of skipping it:
/// `@Test(.enabled(if: RealTool.installed(path) || RealTool.required))`, then
/// `try #require(RealTool.installed(path))`.
public enum RealTool {
    public static let required = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false

    public static func installed(_ paths: String...) -> Bool { paths.allSatisfy(FileManager.default.isExecutableFile) }
}
