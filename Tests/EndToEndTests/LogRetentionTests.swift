import Foundation
import Testing
import TestSupport

/// The durable log's retention against a webhook that is down (connection refused): by default
/// nothing it has not got is deleted, and beyond `--log-max-size` what is deleted is listed in
/// `given-up.log`, sequence by sequence, so that delivered + listed = sent.
@Suite(.serialized) struct LogRetentionTests {
    /// Small files and limits, so that a few MiB of events pass them.
    static let smallLog = ["--log-segment-size", "1", "--log-retention", "2"]

    /// VOLUME_STOP datagrams (type 4) `name=gv<n>;junk=<control bytes>`: each control byte is
    /// escaped as `\u00NN` in the body, six times its size (65,000 of them: a 390 KB body).
    private func sendEvents(_ range: Range<Int>, controlBytes: Int, port: Int) {
        let junk = String(repeating: "\u{01}", count: controlBytes)
        for n in range {
            sendRaw("\(Int(Date().timeIntervalSince1970)) 4 name=gv\(n);junk=\(junk)", port: port)
            if n % 20 == 19 { Thread.sleep(forTimeInterval: 0.02) }  // leave the receiver time to read
        }
    }

    private func engineLog(_ serve: ServeProcess) -> [String: Any] { serve.engineStatus()?["log"] as? [String: Any] ?? [:] }

    private func serve(_ workdir: TemporaryDirectory, port: Int, _ extra: [String] = []) throws -> ServeProcess {
        try ServeProcess(
            workdir: workdir.path, port: port, listen: ["127.0.0.1"],
            extraArguments: Self.smallLog + DeliveryReliabilityTests.fastRetries + extra)
    }

    /// The given-up runs of `url` with the reason retention: every sequence listed.
    private func listedLost(_ workdir: TemporaryDirectory, _ url: String) throws -> [Int] {
        let listed = try Eventsdash.run(["given-up", url, "-n", "10000", "--json", "--workdir", workdir.path])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])["output"]
        return try #require(entries as? [[String: Any]]).flatMap { entry -> [Int] in
            #expect((entry["reason"] as? String)?.hasPrefix("retention") == true)
            let first = entry["sequence"] as? Int ?? 0
            return Array(first..<(first + (entry["count"] as? Int ?? 1)))
        }
    }

    @Test func eventsAWebhookHasNotGotAreKeptBeyondRetentionAndAllDelivered() throws {
        let workdir = TemporaryDirectory()
        let laterPort = freeTCPPortForLater()
        let url = "http://127.0.0.1:\(laterPort)/listen"
        try Eventsdash.run(["webhook-add", url, "--workdir", workdir.path])
        let port = freePort()
        do {
            let first = try serve(workdir, port: port)
            defer { first.stop() }
            sendEvents(0..<18, controlBytes: 65_000, port: port)  // 18 × 390 KB: 6.7 MiB, over 2 MiB, within 8
            #expect(waitFor(timeout: 20) { first.engineStatus()?["last_sequence"] as? Int == 18 })
            #expect(waitFor(timeout: 5) { (self.engineLog(first)["held_by"] as? [String: Int])?[url] ?? 0 > 0 })
            let log = engineLog(first)
            #expect(log["bytes"] as? Int ?? 0 > 6 << 20)  // all kept
            #expect(log["retention_bytes"] as? Int == 2 << 20 && log["max_bytes"] as? Int == 8 << 20)
            #expect((first.engineStatus()?["problem"] as? String)?.contains("kept for undelivered events of \(url)") == true)
            let text = try Eventsdash.run(["status", "--workdir", workdir.path]).stdout
            #expect(text.contains("Problem: event log") && text.contains(url))
        }
        // After a restart nothing is in memory: the webhook's events come from the log.
        let second = try serve(workdir, port: port)
        defer { second.stop() }
        let later = try RecordingWebhookServer(port: laterPort)
        defer { later.shutdown() }
        #expect(waitFor(timeout: 60) { later.distinctEvents.count == 18 })
        #expect(Set(later.requests.compactMap(\.sequence)) == Set(1...18))
        #expect(try listedLost(workdir, url).isEmpty)
        // Delivered: now retention takes the log back within its size.
        #expect(waitFor(timeout: 10) { self.engineLog(second)["bytes"] as? Int ?? .max <= 2 << 20 })
        #expect((engineLog(second)["held_by"] as? [String: Int])?.isEmpty == true)
        #expect(second.engineStatus()?["problem"] == nil)
    }

    @Test func pastTheHardBudgetEveryLostEventIsListedAndDeliveredPlusListedIsSent() throws {
        let workdir = TemporaryDirectory()
        let laterPort = freeTCPPortForLater()
        let url = "http://127.0.0.1:\(laterPort)/listen"
        try Eventsdash.run(["webhook-add", url, "--workdir", workdir.path])
        let port = freePort()
        // Retries at most 2 s apart: the webhook is down for as long as sending and retention take
        // (tens of seconds on a busy machine), and the default backoff would by then wait longer
        // than the test does.
        let serve = try serve(workdir, port: port, ["--log-max-size", "3", "--retry-max-delay", "2"])
        defer { serve.stop() }
        // 700 × 20 KB: more than delivery reads ahead into memory (512), 14 MiB against 3 MiB.
        sendEvents(0..<700, controlBytes: 3_300, port: port)
        #expect(waitFor(timeout: 30) { serve.engineStatus()?["last_sequence"] as? Int == 700 })
        #expect(waitFor(timeout: 10) { !((try? self.listedLost(workdir, url)) ?? []).isEmpty })
        #expect(waitFor(timeout: 10) { self.engineLog(serve)["bytes"] as? Int ?? .max <= 3 << 20 })
        let lost = try listedLost(workdir, url)
        #expect(waitFor(timeout: 3) {  // counted in health (published once a second)
            (serve.engineStatus()?["webhooks"] as? [String: [String: Any]])?[url]?["given_up"] as? Int == lost.count
        })
        let table = try Eventsdash.run(["given-up", url, "--workdir", workdir.path]).stdout
        #expect(table.contains(" events) ") && table.contains("retention: deleted from the event log before delivery"))

        let later = try RecordingWebhookServer(port: laterPort)
        defer { later.shutdown() }
        // The delivery thread lists what retention deleted a moment after the log reports its size
        // (on a busy machine, after the listing above): what counts is the listing once all is done.
        var listed = Set(lost)
        #expect(waitFor(timeout: 60) {
            listed = Set((try? self.listedLost(workdir, url)) ?? lost)
            return later.distinctEvents.count + listed.count >= 700
        })
        #expect(listed.isSuperset(of: lost))
        let delivered = Set(later.requests.compactMap(\.sequence))
        #expect(delivered.isDisjoint(with: listed))
        #expect(delivered.union(listed) == Set(1...700))
        #expect(later.distinctEvents.duplicates == 0)
    }
}
