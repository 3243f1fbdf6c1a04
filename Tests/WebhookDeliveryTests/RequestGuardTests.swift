import Foundation
import Testing
import WebhookDelivery

#if canImport(Glibc)
    import Glibc
#endif

/// The last guard before the wire: whatever built a request, one to a URL that is not plain
/// http(s), or with a control character in a header, is never sent.
@Suite struct RequestGuardTests {
    @Test func requestsWithAProblemNeverReachTheWire() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        try #require(listening && listen(listener, 4) == 0)
        let port = UInt16(bigEndian: address.sin_port)

        let client = CurlMultiClient()
        defer { client.shutdown() }
        let requests = [
            HTTPRequest(url: "gopher://127.0.0.1:\(port)/_SET%20pwned%201", headers: [], body: ""),
            HTTPRequest(url: "http://127.0.0.1:\(port)/a\r\nX-Injected: yes", headers: [], body: ""),
            HTTPRequest(url: "http://127.0.0.1:\(port)/", headers: ["Authorization: Bearer abc\rX-Injected: yes"], body: "{}"),
        ]
        let outcomes = requests.map(client.postAndWait)
        #expect(outcomes[0].error == "not sent: webhook URL must start with http:// or https://")
        #expect(outcomes[1].error == "not sent: webhook URL must not contain control character U+000D")
        #expect(outcomes[2].error == "not sent: the Authorization header holds a control character")  // not the token
        #expect(outcomes.allSatisfy { $0.status == nil })
        var pending = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pending, 1, 200) == 0)  // nobody connected
    }
}
