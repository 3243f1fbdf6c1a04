import Foundation
import Testing

import GlusterEvents
@testable import GlusterHost
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The temporary file of an atomic write cannot be redirected by a planted symlink, and a file with
/// secrets ends up its owner's alone.
@Suite struct AtomicFileTests {
    let dir = TemporaryDirectory()

    private func mode(_ name: String) -> mode_t {
        var info = stat()
        return stat(dir.path + "/" + name, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func aSymlinkPlantedAtTheOldTemporaryNamesIsNotFollowed() throws {
        dir.write("victim's own contents", to: "victim")
        let target = dir.path + "/webhooks.json"
        // The names used before: `<file>.tmp` (gluster's) and `<file>.tmp.<pid>`.
        for planted in [target + ".tmp", target + ".tmp.\(getpid())"] {
            try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: dir.path + "/victim")
        }
        try AtomicFile.write(Data("[]".utf8), to: target)
        try LockedJSONFile(path: target, maxBytes: 1 << 20).update { _ in (JSONValue.object([]), ()) }
        #expect(dir.read("victim") == "victim's own contents")
        #expect(dir.read("webhooks.json") == "{}")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["victim", "webhooks.json", "webhooks.json.tmp", "webhooks.json.tmp.\(getpid())"])  // no temporary file left
    }

    @Test func temporaryFilesAreNewUnpredictableAndPrivate() throws {
        let target = dir.path + "/f"
        let first = try AtomicFile.createTemporaryFile(beside: target)
        let second = try AtomicFile.createTemporaryFile(beside: target)
        defer { close(first.fd); close(second.fd) }
        #expect(first.path != second.path && first.path.hasPrefix(target + ".tmp.") && first.path.count >= target.count + 5 + 8)
        #expect(mode((first.path as NSString).lastPathComponent) == 0o600)
    }

    @Test func anExistingFileKeepsItsModeUnlessItHoldsSecrets() throws {
        dir.write("{}", to: "config.json")
        dir.write("{}", to: "webhooks.json")
        chmod(dir.path + "/config.json", 0o644)
        chmod(dir.path + "/webhooks.json", 0o644)
        try AtomicFile.write(Data("{}".utf8), to: dir.path + "/config.json")
        try WebhookStore(path: dir.path + "/webhooks.json").add(Webhook(url: "http://a/", token: "t"))
        #expect(mode("config.json") == 0o644)
        #expect(mode("webhooks.json") == 0o600)
        try AtomicFile.write(Data("{}".utf8), to: dir.path + "/new.json")
        #expect(mode("new.json") == 0o600)
    }
}
