@testable import Dashboard
import EventLog
import GlusterEvents
import Testing

/// Builds dashboard rows the way the engine makes events: through the ring.
func eventRows(
    _ events: [(name: String, fields: [(String, String)])], source: String = "127.0.0.1:4000", nodeNames: [String: String] = [:]
) -> [EventRow] {
    let ring = RecentEvents(capacity: 1000)
    ring.append(
        events.map { event in
            let message = JSONValue.object(event.fields.map { ($0.0, JSONValue.string($0.1)) })
            let body = JSONValue.object([
                ("event", .string(event.name)), ("message", message), ("nodeid", .string("ab12cd34-0000")), ("ts", .int(1)),
            ])
            return ReceivedEvent(name: event.name, timestamp: 1, body: body.encoded(), source: source, receivedAtMillis: 0)
        }, firstSequence: 1)
    return ring.newest(events.count).map { EventRow($0, nodeNames: nodeNames) }
}

@Suite struct EventFilterTests {
    let rows = eventRows([
        ("VOLUME_CREATE", [("name", "gv0"), ("type", "Replicate")]),
        ("BRICK_DISCONNECTED", [("peer", "node2"), ("volume", "gv1"), ("brick", "/b1")]),
        ("VOLUME_START", [("name", "Prod Volume")]),
    ])

    private func matches(_ text: String) throws -> [String] {
        let filter = try EventFilter(parsing: text)
        return rows.filter(filter.matches).map(\.name)
    }

    @Test func eventNamesByGlobWithoutCaseOrPrefix() throws {
        #expect(try matches("event:VOLUME_*") == ["VOLUME_CREATE", "VOLUME_START"])
        #expect(try matches("event:event_brick_disconnected") == ["BRICK_DISCONNECTED"])
        #expect(try matches("event:VOLUME") == [])
    }

    @Test func fieldsByKeyAndGlobValue() throws {
        #expect(try matches("name=gv0") == ["VOLUME_CREATE"])
        #expect(try matches("volume=gv*") == ["BRICK_DISCONNECTED"])
        #expect(try matches("NAME=GV?") == ["VOLUME_CREATE"])
        #expect(try matches("name=") == [])
    }

    @Test func textAnywhereInNameOrFields() throws {
        #expect(try matches("replicate") == ["VOLUME_CREATE"])
        #expect(try matches("disconn") == ["BRICK_DISCONNECTED"])
        #expect(try matches("peer=node") == [])  // = makes it a field filter: peer is exactly "node"…
        #expect(try matches("\"peer=node\"") == ["BRICK_DISCONNECTED"])  // …unless quoted
        #expect(try matches("\"prod volume\"") == ["VOLUME_START"])
    }

    @Test func nodeByIdPrefixOrSource() throws {
        #expect(try matches("node:AB12").count == 3)
        #expect(try matches("node:127.0.0.1").count == 3)
        #expect(try matches("node:ffff") == [])
        // …or by the host name glusterd's peer list gives the node, which the NODE column shows.
        let named = eventRows([("PEER_CONNECT", [])], nodeNames: ["ab12cd34-0000": "gluster-2"])
        #expect(try named.filter(EventFilter(parsing: "node:GLUSTER").matches).count == 1)
        #expect(named[0].line(width: 60, time: "14:02:05").contains(" gluster-2 "))
    }

    @Test func wordsCombineAndMinusExcludes() throws {
        #expect(try matches("event:VOLUME_* -name=gv0") == ["VOLUME_START"])
        #expect(try matches("-event:VOLUME_*") == ["BRICK_DISCONNECTED"])
        #expect(try matches("") == ["VOLUME_CREATE", "BRICK_DISCONNECTED", "VOLUME_START"])
    }

    @Test func mistakesAreExplained() {
        #expect(throws: EventFilter.ParseError.self) { try EventFilter(parsing: "event:") }
        #expect(throws: EventFilter.ParseError.self) { try EventFilter(parsing: "node:") }
        #expect(throws: EventFilter.ParseError.self) { try EventFilter(parsing: "=gv0") }
        #expect(throws: EventFilter.ParseError.self) { try EventFilter(parsing: "\"open quote") }
        #expect((try? EventFilter(parsing: "  event:X  "))?.description == "event:X")
    }

    @Test func theIndexFollowsTheRingIncrementally() throws {
        let ring = RecentEvents(capacity: 10)
        let make = { (n: Int) in
            ReceivedEvent(
                name: n % 2 == 0 ? "VOLUME_START" : "VOLUME_STOP", timestamp: 1,
                body: #"{"event": "X", "message": {"n": "\#(n)"}, "nodeid": "n", "ts": 1}"#, source: "s", receivedAtMillis: 0)
        }
        ring.append((1...6).map(make), firstSequence: 1)
        var filtered = FilteredEvents(filter: try EventFilter(parsing: "event:VOLUME_START"))
        var changed = filtered.update(from: ring)
        #expect(changed)
        #expect(filtered.rows == .matching([2, 4, 6][...]))
        changed = filtered.update(from: ring)
        #expect(!changed)  // nothing new, nothing rescanned
        ring.append((7...14).map(make), firstSequence: 7)  // 1…4 leave the ring
        changed = filtered.update(from: ring)
        #expect(changed)
        #expect(filtered.rows == .matching([6, 8, 10, 12, 14][...]))
        #expect(filtered.isComplete)
        #expect(filtered.scanned == 14)
    }
}
