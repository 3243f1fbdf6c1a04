import Foundation
import Testing

@testable import GlusterHost
import TestSupport

/// Only a root-owned (or own) process that runs glustereventsd is signalled, never one merely named so.
@Suite struct GlustereventsdProcessTests {
    let temporary = TemporaryDirectory()
    var proc: String { temporary.path }

    /// A process in the fake /proc: `comm` as the kernel shows it, its parent, uid and arguments.
    private func add(_ pid: Int32, comm: String = "glustereventsd", parent: Int32 = 1, uid: UInt32 = 0, state: String = "S", _ arguments: [String]) {
        let dir = "\(proc)/\(pid)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/stat", contents: Data("\(pid) (\(comm)) \(state) \(parent) \(pid) \(pid) 0 -1".utf8))
        FileManager.default.createFile(
            atPath: dir + "/status", contents: Data("Name:\t\(comm)\nState:\t\(state)\nUid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)\nGid:\t0\t0\t0\t0\n".utf8))
        FileManager.default.createFile(atPath: dir + "/cmdline", contents: Data(arguments.map { $0 + "\0" }.joined().utf8))
    }

    private let real = ["/usr/bin/python3", "/usr/sbin/glustereventsd", "--pid-file", "/var/run/glustereventsd.pid"]

    @Test func findsRootsGlustereventsdMainProcess() {
        add(700, real)
        add(701, parent: 700, real)  // a webhook worker
        add(702, comm: "bash", ["/bin/bash"])
        #expect(GlustereventsdProcess.find(proc: proc, allowedUIDs: [0]) == 700)
    }

    @Test func aProcessMerelyNamedGlustereventsdIsNotChosen() {
        add(800, uid: 1000, real)  // another user's copy
        add(801, ["/tmp/x/evil", "glustereventsd"])  // root, named so by prctl, running something else
        add(802, ["/usr/bin/python3", "/tmp/not-it.py", "glustereventsd"])
        add(803, state: "Z", real)  // a zombie
        add(804, comm: "python3", real)  // the name does not match
        #expect(GlustereventsdProcess.find(proc: proc, allowedUIDs: [0]) == nil)
        // Run as that user, its own glustereventsd is fair game.
        #expect(GlustereventsdProcess.find(proc: proc, allowedUIDs: [0, 1000]) == 800)
    }

    @Test func readsUidsAndCommandLines() {
        #expect(GlustereventsdProcess.uids(status: "Name:\tx\nUid:\t0\t1000\t0\t0\n") == [0, 1000])
        #expect(GlustereventsdProcess.uids(status: "Name:\tx\n") == nil)
        #expect(GlustereventsdProcess.runsGlustereventsd(cmdline: Data("/usr/sbin/glustereventsd\0--pid-file\0x\0".utf8)))
        #expect(GlustereventsdProcess.runsGlustereventsd(cmdline: Data("python3\0-u\0/usr/sbin/glustereventsd\0".utf8)))
        #expect(!GlustereventsdProcess.runsGlustereventsd(cmdline: Data("/usr/bin/python3\0/opt/glustereventsd.py\0".utf8)))
        #expect(!GlustereventsdProcess.runsGlustereventsd(cmdline: Data()))
    }
}
