import Foundation
import Testing
import TestSupport

/// Issue 17: serve shares the webhooks out among delivery threads (`--delivery-threads`), each
/// named for `top -H`; every webhook gets every event, whichever thread serves it, and a restart
/// on fewer threads resumes each one where it stood.
@Suite struct DeliveryThreadsTests {
    /// The names of `pid`'s threads.
    private func threadNames(_ pid: Int32) -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { task in
            (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test func webhooksSharedOutAmongThreadsEachGetEveryEventAndARestartResumesThem() throws {
        let workdir = TemporaryDirectory()
        let servers = try (0..<6).map { _ in try RecordingWebhookServer() }
        defer { servers.forEach { $0.shutdown() } }
        for server in servers {
            #expect(try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path]).status == 0)
        }
        let port = try freePort()
        do {
            let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: ["--delivery-threads", "3"])
            defer { serve.stop() }
            // (Each thread names itself as it starts.)
            var names: [String] = []
            let expected: Set = ["ed-delivery", "ed-delivery-1", "ed-delivery-2"]
            #expect(waitFor(timeout: 5) {
                names = threadNames(serve.pid)
                return Set(names.filter { $0.hasPrefix("ed-delivery") }) == expected
            }, "\(names)")
            for n in 1...20 { sendRaw("1700000000 2 name=gv\(n)", port: port) }
            for server in servers {
                #expect(Set(server.waitForRequests(20).compactMap(\.sequence)) == Set(1...20), "\(server.url)")
            }
        }
        // Stopped, then started on one thread: each webhook goes on from where it stood.
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: ["--delivery-threads", "1"])
        defer { serve.stop() }
        for n in 21...25 { sendRaw("1700000000 2 name=gv\(n)", port: port) }
        for server in servers {
            let sequences = server.waitForRequests(25).compactMap(\.sequence)
            #expect(sequences.count == 25 && Set(sequences) == Set(1...25), "\(server.url): sent again or skipped: \(sequences.sorted())")
        }
        let refused = try Eventsdash.run(["serve", "--delivery-threads", "0", "--workdir", workdir.path])
        #expect(refused.status != 0 && refused.stderr.contains("--delivery-threads must be 1 to 64"), "\(refused.stderr)")
    }

    /// One webhook, two threads: the thread without webhooks carries part of its requests (over
    /// its own libcurl handle, handed back to the webhook's thread); each event arrives once.
    @Test func aSingleWebhookUsesTheOtherThreadTooAndGetsEachEventOnce() throws {
        let workdir = TemporaryDirectory()
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        #expect(try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path]).status == 0)
        let port = try freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: ["--delivery-threads", "2"])
        defer { serve.stop() }
        for n in 1...300 { sendRaw("1700000000 2 name=gv\(n)", port: port) }
        let sequences = server.waitForRequests(300).compactMap(\.sequence)
        #expect(sequences.count == 300 && Set(sequences) == Set(1...300), "sent again or skipped: \(sequences.count)")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(server.requests.count == 300)  // nothing more came
    }
}
