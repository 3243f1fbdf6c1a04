import Foundation
import Synchronization
import Testing
import TestSupport

@testable import WebhookDelivery

/// `CurlMulti` driven by the test's own thread, as the delivery thread drives it, against real
/// HTTP servers: completions run in `drive`, posts from other threads wake it, and a reused easy
/// handle takes the next request's own URL, timeout and headers.
@Suite struct CurlMultiTests {
    /// Drives `multi` until `done` holds or `timeout` seconds pass; whether `done` held.
    private func drive(_ multi: CurlMulti, timeout: Double = 10, until done: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !done() {
            guard Date() < deadline else { return false }
            multi.drive(timeout: 0.05)
        }
        return true
    }

    @Test func completionsRunOnTheDrivingThreadDuringDrive() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        let multi = CurlMulti()
        defer { multi.shutdown() }
        let drivingThread = UInt(pthread_self())
        let outcomes = Mutex<[(status: Int?, onDrivingThread: Bool)]>([])
        for n in 0..<40 {
            multi.post(HTTPRequest(url: server.url, headers: ["webhook-id: n-\(n)"], body: "{}")) { outcome in
                outcomes.withLock { $0.append((outcome.status, UInt(pthread_self()) == drivingThread)) }
            }
        }
        // Nothing is sent or finished until the thread drives.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(server.requests.isEmpty)
        #expect(outcomes.withLock { $0.isEmpty })

        #expect(drive(multi) { outcomes.withLock { $0.count } == 40 })
        #expect(outcomes.withLock { $0.allSatisfy { $0.status == 200 && $0.onDrivingThread } })
        #expect(Set(server.requests.compactMap { $0.header("webhook-id") }).count == 40)
    }

    /// Finished handles are kept for reuse up to what may be in flight; fewer wanted (webhooks
    /// removed), the rest are let go with their buffers.
    @Test func idleHandlesPastALoweredLimitAreLetGo() throws {
        let first = try RecordingWebhookServer()
        let second = try RecordingWebhookServer()
        defer {
            first.shutdown()
            second.shutdown()
        }
        let multi = CurlMulti()
        defer { multi.shutdown() }
        multi.keepConnections(64)
        let finished = Atomic<Int>(0)
        for n in 0..<40 {
            multi.post(HTTPRequest(url: (n % 2 == 0 ? first : second).url, headers: [], body: "{}")) { _ in
                finished.add(1, ordering: .relaxed)
            }
        }
        #expect(drive(multi) { finished.load(ordering: .relaxed) == 40 })
        #expect(multi.idleHandles == 40)
        multi.keepConnections(1)
        #expect(multi.idleHandles == 16)
        // The handles left still serve.
        multi.post(HTTPRequest(url: first.url, headers: [], body: "{}")) { _ in finished.add(1, ordering: .relaxed) }
        #expect(drive(multi) { finished.load(ordering: .relaxed) == 41 })
        #expect(first.requests.count == 21)
    }

    @Test func aPostFromAnotherThreadWakesAWaitingDrive() throws {
        let server = try RecordingWebhookServer()
        defer { server.shutdown() }
        let multi = CurlMulti()
        defer { multi.shutdown() }
        let answered = Atomic<Bool>(false)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            multi.post(HTTPRequest(url: server.url, headers: [], body: "{}")) { _ in answered.store(true, ordering: .relaxed) }
        }
        // One long wait: the post wakes it, and a second drive finishes the request (long before 30 s).
        let started = Date()
        multi.drive(timeout: 30)
        #expect(drive(multi, timeout: 10) { answered.load(ordering: .relaxed) })
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aReusedHandleTakesTheNextRequestsOwnSettings() throws {
        let fast = try RecordingWebhookServer()
        let slow = try RecordingWebhookServer()
        defer {
            fast.shutdown()
            slow.shutdown()
        }
        slow.behave(.delay(3))
        let multi = CurlMulti()
        defer { multi.shutdown() }

        // One handle at a time, so each request reuses the last one's easy handle.
        func send(_ request: HTTPRequest) -> HTTPOutcome? {
            let result = Mutex<HTTPOutcome?>(nil)
            multi.post(request) { outcome in result.withLock { $0 = outcome } }
            _ = drive(multi) { result.withLock { $0 != nil } }
            return result.withLock { $0 }
        }
        #expect(send(HTTPRequest(url: fast.url, headers: ["Authorization: Bearer first"], body: "{\"n\": 1}"))?.status == 200)
        // Another URL and a 1 s timeout: the slow server's 3 s answer is cut short.
        let cut = send(HTTPRequest(url: slow.url, headers: [], body: "{}", totalTimeoutMillis: 1_000))
        #expect(cut?.status == nil)
        #expect(cut?.error?.lowercased().contains("timed out") == true)
        // Back to the first URL, without its header and with the default timeout.
        #expect(send(HTTPRequest(url: fast.url, headers: ["webhook-id: second"], body: "{\"n\": 2}"))?.status == 200)
        let requests = fast.requests
        #expect(requests.count == 2)
        #expect(requests.last?.header("Authorization") == nil)
        #expect(requests.last?.header("webhook-id") == "second")
        #expect(requests.last?.body == "{\"n\": 2}")
    }

    @Test func aBadURLOrHeaderIsRefusedOnTheDrivingThreadToo() throws {
        let listener = try RawTCPListener()
        defer { listener.shutdown() }
        let multi = CurlMulti()
        defer { multi.shutdown() }
        multi.drive(timeout: 0)  // this thread drives from now on
        let good = "http://127.0.0.1:\(listener.port)/"
        let outcomes = Mutex<[HTTPOutcome]>([])
        let record: CurlMultiClient.Completion = { outcome in outcomes.withLock { $0.append(outcome) } }
        // A URL found good once is not checked again: a bad one after it still is.
        multi.post(HTTPRequest(url: good, headers: ["Authorization: Bearer abc\u{85}X-Injected: yes"], body: "{}"), completion: record)
        multi.post(HTTPRequest(url: good + "\r\nX-Injected: yes", headers: [], body: "{}"), completion: record)
        let refused = outcomes.withLock { $0 }
        #expect(refused.map(\.error) == [
            "not sent: the Authorization header holds a control character",
            "not sent: webhook URL must not contain control character U+000D",
        ])
        multi.drive(timeout: 0.2)
        #expect(listener.received.connections == 0)
    }
}
