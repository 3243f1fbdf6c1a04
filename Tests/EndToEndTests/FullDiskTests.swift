import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A disk that fills up under the event log: reported loudly, nothing lost, and ingest resumes by
/// itself when space returns. The workdir is a small tmpfs (needs root; skipped elsewhere).
@Suite(.serialized) struct FullDiskTests {
    /// Runs `mount` with these arguments; whether it succeeded.
    private static func mount(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let canMountTmpfs: Bool = {
        guard getuid() == 0 else { return false }
        let probe = TemporaryDirectory()
        defer { _ = unmount(probe.path) }
        return mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path])
    }()

    private static func unmount(_ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: canMountTmpfs, "needs root and tmpfs mounts"))
    func aFullDiskIsReportedAndIngestResumesWhenSpaceReturns() throws {
        let workdir = TemporaryDirectory()
        #expect(Self.mount(["-t", "tmpfs", "-o", "size=256k", "tmpfs", workdir.path]))
        defer { _ = Self.unmount(workdir.path) }
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        let padding = String(repeating: "x", count: 6000)
        for n in 0..<80 { sendRaw("\(Int(Date().timeIntervalSince1970)) 4 name=gv\(n);pad=\(padding)", port: port) }

        var status: [String: Any] = [:]
        #expect(waitFor(timeout: 10) {
            status = serve.engineStatus() ?? [:]
            return (status["problem"] as? String)?.contains("No space left") == true && status["accepted"] as? Int == 80
        })
        #expect((status["problem"] as? String)?.contains("held in memory until it can be written") == true)
        #expect((status["last_sequence"] as? Int ?? 0) < 80)  // not all of them made it to the disk yet…

        #expect(Self.mount(["-o", "remount,size=8m", workdir.path]))  // …space returns
        #expect(waitFor(timeout: 10) {
            status = serve.engineStatus() ?? [:]
            return status["last_sequence"] as? Int == 80 && status["problem"] == nil
        })
        serve.stop()
        let names = try loggedEvents(workdir: workdir.path, count: 100).compactMap {
            ($0["message"] as? [String: Any])?["name"] as? String
        }
        #expect(names == (0..<80).map { "gv\($0)" })  // every event, once, in order
    }

    /// Memory is bounded while the disk stays full: the oldest events are kept (they come first in
    /// the log), newer ones beyond `--hold-limit` are dropped and counted, never silently.
    @Test(.enabled(if: canMountTmpfs, "needs root and tmpfs mounts"))
    func eventsBeyondTheHoldLimitAreCountedAsDropped() throws {
        let workdir = TemporaryDirectory()
        #expect(Self.mount(["-t", "tmpfs", "-o", "size=256k", "tmpfs", workdir.path]))
        defer { _ = Self.unmount(workdir.path) }
        let port = freePort()
        let serve = try ServeProcess(
            workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: ["--hold-limit", "1"])
        let padding = String(repeating: "x", count: 6000)
        let sent = 400  // ~2.4 MB: more than the disk and the 1 MiB hold limit together
        for n in 0..<sent {
            sendRaw("\(Int(Date().timeIntervalSince1970)) 4 name=hl\(n);pad=\(padding)", port: port)
            if n % 50 == 49 { usleep(20_000) }  // stay within the socket buffer
        }

        var status: [String: Any] = [:]
        #expect(waitFor(timeout: 10) {
            status = serve.engineStatus() ?? [:]
            return status["accepted"] as? Int == sent && (status["dropped_unlogged"] as? Int ?? 0) > 0
        })
        #expect((status["problem"] as? String)?.contains("newer events dropped (memory hold limit reached)") == true)
        let statusText = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
        #expect(statusText.contains(#/Dropped: [0-9]+ accepted events could not be logged/#))

        // (Accepted is counted on arrival, dropped when the log refuses: the count is final only
        // once every accepted event is logged or dropped.)
        #expect(Self.mount(["-o", "remount,size=16m", workdir.path]))
        #expect(waitFor(timeout: 10) {
            status = serve.engineStatus() ?? [:]
            let logged = status["last_sequence"] as? Int ?? 0
            return logged + (status["dropped_unlogged"] as? Int ?? 0) == sent && status["problem"] == nil
        })
        let dropped = status["dropped_unlogged"] as? Int ?? 0
        serve.stop()
        let names = try loggedEvents(workdir: workdir.path, count: 1000).compactMap {
            ($0["message"] as? [String: Any])?["name"] as? String
        }
        #expect(dropped > 0 && dropped < sent - 100)  // 1 MiB holds well over 100 of these
        #expect(names == (0..<(sent - dropped)).map { "hl\($0)" })  // the oldest kept, in order, once
    }
}
