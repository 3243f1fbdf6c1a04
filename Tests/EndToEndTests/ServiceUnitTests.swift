import Foundation
import Testing
import TestSupport

/// The systemd unit shipped in dist/systemd is one systemd accepts, for this very binary.
@Suite struct ServiceUnitTests {
    static let analyze = "/usr/bin/systemd-analyze"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: analyze), "needs systemd-analyze"))
    func theUnitVerifies() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let unit = try String(contentsOf: root.appendingPathComponent("dist/systemd/eventsdash.service"), encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/eventsdash serve $EVENTSDASH_OPTS"))
        let workdir = TemporaryDirectory()
        let installed = unit.replacingOccurrences(of: "/usr/local/bin/eventsdash", with: Eventsdash.binary)
        workdir.write(installed, to: "eventsdash.service")
        let verdict = try Command.run(Self.analyze, ["verify", workdir.path + "/eventsdash.service"])
        #expect(verdict.status == 0, "\(verdict.stderr)")
        #expect(!verdict.stderr.contains("eventsdash.service"), "\(verdict.stderr)")
    }
}
