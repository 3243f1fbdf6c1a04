import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// HTTP ingest faces the network: what one client may cost is bounded, each limit reached is
/// counted, and ingest goes on meanwhile. Each test sends what the security review sent.
@Suite struct HTTPIngestLimitsTests {
    /// `serve` with HTTP ingest on a free port and `arguments` (limits).
    private func serve(_ arguments: [String] = []) throws -> (ServeProcess, httpPort: Int) {
        let httpPort = freeTCPPortForLater()
        let serve = try ServeProcess(
            workdir: TemporaryDirectory().path, port: freePort(), listen: ["127.0.0.1"],
            extraArguments: ["--listen-http", "127.0.0.1:\(httpPort)"] + arguments)
        return (serve, httpPort)
    }

    private func closed(_ serve: ServeProcess) -> [String: Int] {
        (serve.engineStatus()?["http"] as? [String: Any])?["closed_by_reason"] as? [String: Int] ?? [:]
    }

    private func rejected(_ serve: ServeProcess) -> [String: Int] {
        (serve.engineStatus()?["http"] as? [String: Any])?["rejected_by_reason"] as? [String: Int] ?? [:]
    }

    private func limits(_ serve: ServeProcess) -> [String: Int] {
        serve.engineStatus()?["limits_reached"] as? [String: Int] ?? [:]
    }

    /// A UDP event still gets in (ingest goes on whatever HTTP clients do).
    private func udpStillReceived(_ serve: ServeProcess) -> Bool {
        let before = serve.engineStatus()?["accepted"] as? Int ?? 0
        sendRaw("1700000000 2 name=still-here", port: serve.port)
        return waitFor(timeout: 5) { (serve.engineStatus()?["accepted"] as? Int ?? 0) > before }
    }

    @Test func authIsCheckedOnTheHeadBeforeAnyBodyIsRead() throws {
        let (serve, httpPort) = try serve(["--http-token", "s3cret"])
        defer { serve.stop() }
        let client = try RawTCP(port: httpPort, timeout: 3)
        client.send("POST /listen HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n")  // and no body
        let answer = client.receive()
        #expect(answer.text.hasPrefix("HTTP/1.1 401"))
        #expect(client.isClosedByPeer())
        #expect(waitFor(timeout: 3) { rejected(serve)["unauthorized"] == 1 })
    }

    @Test func aBodyDeclaredTooLargeIsRefusedBeforeItIsRead() throws {
        let (serve, httpPort) = try serve()
        defer { serve.stop() }
        let client = try RawTCP(port: httpPort, timeout: 3)
        client.send("POST /listen HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n")
        #expect(client.receive().text.hasPrefix("HTTP/1.1 413"))
        #expect(waitFor(timeout: 3) { rejected(serve)["too_large"] == 1 && limits(serve)["http_too_large"] == 1 })
    }

    @Test func headersTrickledAByteASecondAreCutOffAtTheRequestTimeout() throws {
        let (serve, httpPort) = try serve(["--http-request-timeout", "1"])
        defer { serve.stop() }
        let client = try RawTCP(port: httpPort, timeout: 0.3)
        let started = Date()
        var cutOff = false
        for byte in "POST /listen HTTP/1.1\r\nHost: slowloris\r\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8 {
            guard client.send([byte]) else {
                cutOff = true
                break
            }
            if client.isClosedByPeer() {  // waits 0.3 s: the trickle
                cutOff = true
                break
            }
        }
        #expect(cutOff)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(waitFor(timeout: 3) { closed(serve)["request_timeout"] == 1 })
        #expect(udpStillReceived(serve))
    }

    @Test func anIdleConnectionIsClosed() throws {
        let (serve, httpPort) = try serve(["--http-idle-timeout", "1"])
        defer { serve.stop() }
        let client = try RawTCP(port: httpPort, timeout: 4)
        #expect(client.isClosedByPeer())
        #expect(waitFor(timeout: 3) { closed(serve)["idle_timeout"] == 1 })
    }

    @Test func connectionsOverTheLimitAreClosedAndCounted() throws {
        let (serve, httpPort) = try serve(["--http-max-connections", "3"])
        defer { serve.stop() }
        var open = try (0..<3).map { _ in try RawTCP(port: httpPort, timeout: 2) }
        #expect(waitFor(timeout: 3) { (serve.engineStatus()?["http"] as? [String: Any])?["open_connections"] as? Int == 3 })
        let extra = try RawTCP(port: httpPort, timeout: 2)
        #expect(extra.isClosedByPeer())
        #expect(waitFor(timeout: 3) { closed(serve)["connection_limit"] == 1 })
        open.removeFirst()  // one closes: a new client gets in
        #expect(waitFor(timeout: 3) { (serve.engineStatus()?["http"] as? [String: Any])?["open_connections"] as? Int == 2 })
        #expect(httpRequest("GET", "http://127.0.0.1:\(httpPort)/")?.status == 200)
    }

    /// The review's row 1: 30 MB of pipelined `GET /`, never reading an answer, took the engine
    /// from 34 to 782 MiB. Reading now stops while the client does not read, and the connection is
    /// closed (answers left unread, or idle).
    @Test func aClientThatPipelinesWithoutReadingCannotGrowMemory() throws {
        let (serve, httpPort) = try serve(["--http-idle-timeout", "2"])
        defer { serve.stop() }
        let before = residentMiB(of: serve.pid) ?? 0
        let client = try RawTCP(port: httpPort, timeout: 3)
        let request = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        let chunk = Array((0..<(1 << 20) / request.count).map { _ in request }.joined())
        var sent = 0
        while sent < 30 << 20, client.send(chunk) { sent += chunk.count }
        let peak = residentMiB(of: serve.pid) ?? .infinity
        #expect(sent < 30 << 20)  // the server stopped taking them
        #expect(peak - before < 60, "RSS \(before) -> \(peak) MiB after \(sent) bytes sent")
        #expect(waitFor(timeout: 5) { closed(serve)["unread_responses", default: 0] + closed(serve)["idle_timeout", default: 0] >= 1 })
        #expect(udpStillReceived(serve))
    }

    /// Bodies held at once share one budget: past it, 503 with Retry-After (counted as busy).
    @Test func bodiesHeldAtOnceStayWithinTheBudget() throws {
        let (serve, httpPort) = try serve(["--http-body-budget", "1048576"])
        defer { serve.stop() }
        let first = try RawTCP(port: httpPort, timeout: 3)
        let second = try RawTCP(port: httpPort, timeout: 3)
        let part = String(repeating: "x", count: 700_000)
        first.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + part)  // held, 1 byte short and more
        Thread.sleep(forTimeInterval: 0.3)
        second.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + part)
        let answer = second.receive()
        #expect(answer.text.hasPrefix("HTTP/1.1 503"))
        #expect(answer.text.contains("Retry-After: 1"))
        #expect(waitFor(timeout: 3) { rejected(serve)["busy"] == 1 && limits(serve)["http_busy"] == 1 })
    }
}
