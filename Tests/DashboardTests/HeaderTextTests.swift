@testable import Dashboard
import EventsEngine
import Foundation
import Testing

/// The header shows problems (an unusable webhook's URL and why) and names from `engine.json`:
/// escaped, never raw.
@Suite struct HeaderTextTests {
    static let attack = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}\r"

    @Test func problemsAddressesAndNodesAreEscaped() throws {
        let a = Self.attack
        let json: [String: Any] = [
            "pid": 1, "started_at": 1, "updated_at": 1, "node_id": "local", "port": 55555, "listen": ["127.0.0.1:55555\(a)"],
            "listen_failures": ["[::1]:55555 \(a)"], "receive_buffer_bytes": 0, "received": 1, "accepted": 1, "rejected": 0,
            "truncated": 0, "kernel_drops": 0, "dropped_unlogged": 0, "rejected_by_reason": [String: Int](), "last_sequence": 1,
            "problem": "/w/webhooks.json: not delivered to (fix or remove): http://h/\(a): webhook URL must not contain control character U+001B",
            "webhooks": [String: Any](), "nodes": ["n1": ["name": "host\(a)", "events": 2], "n2": ["events": 1]],
        ]
        let status = try JSONDecoder().decode(EngineStatus.self, from: JSONSerialization.data(withJSONObject: json))
        let lines = [HeaderText.title(status, attachedPID: nil, nowMillis: 0), HeaderText.figures(status)]
        for line in lines {
            let raw = line.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
            #expect(raw.isEmpty, "\(line)")
        }
        #expect(lines[0].contains("host\\x1b]0;pwned\\x07") && lines[0].contains("55555\\x1b]0"))
        #expect(lines[1].contains("⚠ /w/webhooks.json: not delivered to (fix or remove): http://h/\\x1b]0;pwned"))
    }
}
