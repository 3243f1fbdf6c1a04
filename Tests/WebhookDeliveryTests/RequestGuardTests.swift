import Foundation
import Testing
import TestSupport
import WebhookDelivery

/// The last guard before the wire: whatever built a request, one to a URL that is not plain
/// http(s), or with a control character in a header, is never sent.
@Suite struct RequestGuardTests {
    @Test func requestsWithAProblemNeverReachTheWire() throws {
        let listener = try RawTCPListener()
        defer { listener.shutdown() }
        let port = listener.port

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
        Thread.sleep(forTimeInterval: 0.2)
        #expect(listener.received.connections == 0)  // nobody connected
    }
}
