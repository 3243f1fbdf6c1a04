import Foundation
import Testing
import TestSupport

/// Issue 17: a `webhook-id` is unique across nodes and log resets, and the same on every retry and
/// redelivery of an event — a receiver that drops duplicates by it (as Standard Webhooks tells it
/// to) drops no real event.
@Suite struct WebhookIDTests {
    private func tailJSON(_ workdir: TemporaryDirectory) throws -> [[String: Any]] {
        try Eventsdash.run(["tail", "--json", "--workdir", workdir.path]).stdout.split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func twoEnginesAndALogResetNeverRepeatAnIdAndRetriesAndRedeliveriesKeepIt() throws {
        let receiver = try RecordingWebhookServer(status: 503)  // fails first: the retry must keep the id
        defer { receiver.shutdown() }
        let nodes = [TemporaryDirectory(), TemporaryDirectory()]
        for workdir in nodes { try Eventsdash.run(["webhook-add", receiver.url, "--workdir", workdir.path]) }
        var first: [ServeProcess] = []
        for workdir in nodes {
            first.append(
                try ServeProcess(
                    workdir: workdir.path, port: freePort(), listen: ["127.0.0.1"],
                    extraArguments: ["--retry-first-delay", "0.2", "--retry-max-delay", "0.2"]))
        }
        // Each node logs its own event #1.
        for (index, serve) in first.enumerated() { sendRaw("1700000000 2 name=gv\(index)", port: serve.port) }
        #expect(waitFor(timeout: 10) { receiver.requests.count >= 4 })  // both tried, failed, and retried
        receiver.behave(.answer(status: 200))
        #expect(waitFor(timeout: 10) { receiver.distinctEvents.count == 2 }, "\(receiver.requests.map { $0.header("webhook-id") ?? "-" })")
        for serve in first { serve.stop() }

        // Two events #1, two ids; each id the same on every try, and the one tail --json shows.
        let ids = nodes.map { (try? tailJSON($0))?.first?["webhook_id"] as? String ?? "" }
        #expect(Set(ids).count == 2 && ids.allSatisfy { $0.hasSuffix("-1") && $0.count > 20 }, "\(ids)")
        for id in ids {
            let tries = receiver.requests.filter { $0.header("webhook-id") == id }
            #expect(tries.count >= 2 && Set(tries.map(\.body)).count == 1, "\(id): \(tries.count) tries")
        }

        // Node 1's log is reset (deleted, as after a reinstall): its new #1 has another id.
        try FileManager.default.removeItem(atPath: nodes[0].path + "/log")
        let again = try ServeProcess(workdir: nodes[0].path, port: freePort(), listen: ["127.0.0.1"])
        sendRaw("1700000000 2 name=after-reset", port: again.port)
        #expect(waitFor(timeout: 10) { receiver.requests.contains { $0.body.contains("after-reset") } })
        let reset = try #require(receiver.requests.first { $0.body.contains("after-reset") }?.header("webhook-id"))
        #expect(reset.hasSuffix("-1") && !ids.contains(reset), "\(reset) repeats \(ids)")
        again.stop()

        // Redelivered by its webhook-id: the same id goes again; another node's id is refused.
        let before = receiver.requests.count
        let redelivered = try Eventsdash.run(["redeliver", receiver.url, reset, "--workdir", nodes[0].path, "--json"])
        #expect(redelivered.status == 0, "\(redelivered.stdout)\(redelivered.stderr)")
        #expect(receiver.requests.dropFirst(before).map { $0.header("webhook-id") } == [reset])
        #expect(redelivered.stdout.contains(#""webhook_id": "\#(reset)""#))
        let foreign = try Eventsdash.run(["redeliver", receiver.url, ids[1], "--workdir", nodes[0].path])
        #expect(foreign.status != 0 && foreign.stderr.contains("neither a sequence number nor a webhook-id of this log"), "\(foreign.stderr)")
        #expect(receiver.requests.count == before + 1)
    }
}
