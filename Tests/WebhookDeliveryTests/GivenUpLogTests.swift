import Foundation
import Testing

@testable import WebhookDelivery
import TestSupport

@Suite struct GivenUpLogTests {
    let temporary = TemporaryDirectory()
    var path: String { temporary.file("given-up.log") }

    @Test func listsNewestFirstWithRedeliveriesAndOnePerEvent() throws {
        let log = GivenUpLog(path: path)
        #expect(log.entries().isEmpty)  // no file yet
        try log.append([
            .init(atMillis: 1_000, sequence: 3, url: "http://a", reason: "refused: HTTP 400"),
            .init(atMillis: 1_000, sequence: 4, url: "http://b", reason: "retried for 6 h"),
        ])
        try log.append([.init(atMillis: 2_000, sequence: 9, count: 5, url: "http://a", reason: "5 events deleted by log retention")])
        try log.recordRedelivered(3, to: "http://a", outcome: "HTTP 200", atMillis: 3_000)
        try log.append([.init(atMillis: 4_000, sequence: 3, url: "http://a", reason: "refused: HTTP 422")])

        let forA = log.entries(url: "http://a")
        #expect(forA.map(\.sequence) == [3, 9])  // newest first, 3 once (its newest record)
        #expect(forA[0].reason == "refused: HTTP 422" && forA[0].redelivered == "HTTP 200")
        #expect(forA[1].count == 5 && forA[1].redelivered == nil)
        #expect(log.entries().map(\.url) == ["http://a", "http://a", "http://b"])
        #expect(log.entries(limit: 1).count == 1)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }

    @Test func readsOnlyTheEndOfAHugeFileAndSkipsBrokenLines() throws {
        let filler = String(repeating: "x", count: 1000)
        let old = (0..<(GivenUpLog.readLimitBytes / 1000 + 10)).map { _ in #"{"at":1,"sequence":1,"url":"http://old","given_up":"\#(filler)"}"# }
        try (old.joined(separator: "\n") + "\nnot json\n{\"sequence\":-5,\"url\":\"http://a\",\"given_up\":\"x\"}\n")
            .write(toFile: path, atomically: false, encoding: .utf8)
        let log = GivenUpLog(path: path)
        try log.append([.init(atMillis: 5, sequence: 7, url: "http://new", reason: "refused: HTTP 404")])
        let entries = log.entries()
        #expect(entries.first?.url == "http://new")
        #expect(entries.count == 2)  // the old one (deduplicated) and the new one; the broken lines skipped
    }
}
