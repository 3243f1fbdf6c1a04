@testable import Dashboard
import EventLog
import Foundation
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

    @Test func aCommaListsAlternatives() throws {
        #expect(try matches("event:BRICK_*,VOLUME_START") == ["BRICK_DISCONNECTED", "VOLUME_START"])
        #expect(try matches("name=gv0,\"Prod Volume\"") == ["VOLUME_CREATE", "VOLUME_START"])
        #expect(try matches("volume=gv9,gv1") == ["BRICK_DISCONNECTED"])
        #expect(try matches("node:ffff,ab12").count == 3)
        #expect(try matches("-event:VOLUME_CREATE,VOLUME_START") == ["BRICK_DISCONNECTED"])
        #expect(try matches("name=\"a,b\"") == [])  // a comma in quotes is the value's own
    }

    @Test func severityIsTheRowsColour() throws {
        #expect(try matches("sev:problem") == ["BRICK_DISCONNECTED"])
        #expect(try matches("sev:info") == ["VOLUME_CREATE", "VOLUME_START"])
        #expect(try matches("sev:PROBLEM,recovery,warning") == ["BRICK_DISCONNECTED"])
        #expect(try matches("-sev:info") == ["BRICK_DISCONNECTED"])
    }

    @Test func entityWordsMatchEveryFieldThatNamesIt() throws {
        let rows = eventRows([
            ("VOLUME_CREATE", [("name", "gv0")]),
            ("BRICK_DISCONNECTED", [("peer", "vm2"), ("volume", "gv0"), ("brick", "/b1")]),
            ("AFR_QUORUM_FAIL", [(" subvol", "gv0-replicate-0")]),
            ("POSIX_HEALTH_CHECK_FAILED", [("brick", "vm3:/b1 timeout is 20")]),
            ("VOLUME_START", [("name", "gv1")]),
            ("PEER_ATTACH", [("host", "vm3"), ("name", "gv0")]),
        ])
        func names(_ text: String) throws -> [String] { try rows.filter(EventFilter(parsing: text).matches).map(\.name) }
        #expect(try names("volume:gv0") == ["VOLUME_CREATE", "BRICK_DISCONNECTED", "AFR_QUORUM_FAIL"])
        #expect(try names("volume:GV1,gv0 event:VOLUME_*") == ["VOLUME_CREATE", "VOLUME_START"])
        #expect(try names("brick:/b1") == ["BRICK_DISCONNECTED", "POSIX_HEALTH_CHECK_FAILED"])
        #expect(try names("brick:vm3:/b1") == ["POSIX_HEALTH_CHECK_FAILED"])
        #expect(try names("peer:vm3") == ["POSIX_HEALTH_CHECK_FAILED", "PEER_ATTACH"])
        #expect(try names("host:vm*") == ["BRICK_DISCONNECTED", "POSIX_HEALTH_CHECK_FAILED", "PEER_ATTACH"])
    }

    @Test func sinceAndUntilCompareTheTimeReceived() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // 22:13:20 UTC
        let utc = TimeZone(identifier: "UTC")!
        let ring = RecentEvents(capacity: 10)
        ring.append(
            [7200, 600, 30].map { ago in
                ReceivedEvent(
                    name: "VOLUME_SET", timestamp: 1, body: #"{"event":"VOLUME_SET","message":{},"nodeid":"n","ts":1}"#, source: "s",
                    receivedAtMillis: (1_700_000_000 - ago) * 1000)
            }, firstSequence: 1)
        func sequences(_ text: String) throws -> [UInt64] {
            let filter = try EventFilter(parsing: text, now: now, timeZone: utc)
            return ring.newest(10).filter { filter.matches($0, nodeNames: [:]) }.map(\.sequence)
        }
        #expect(try sequences("since:10m") == [2, 3])
        #expect(try sequences("since:-10m until:1m") == [2])
        #expect(try sequences("until:-1h") == [1])
        #expect(try sequences("since:\"today 22:03\"") == [2, 3])
        #expect(try sequences("since:2023-11-14T22:03:20") == [2, 3])
        #expect(try sequences("since:yesterday") == [1, 2, 3])
        #expect(try sequences("-since:5m") == [1, 2])
    }

    @Test func mistakesSayWhyAndWhatIsAccepted() {
        func why(_ text: String) -> String {
            do {
                _ = try EventFilter(parsing: text)
                return ""
            } catch { return error.description }
        }
        #expect(why("evnt:BRICK_*").hasPrefix("evnt: is not a filter word: say event: node: sev:"))
        #expect(why("since:25:99").hasPrefix("since: '25:99' is not a time of day"))
        #expect(why("until:soon").contains("10m, 2h, 3d"))
        #expect(why("event:BRICK_*,").contains("an empty item in a list"))
        #expect(why("volume=gv0,,gv1").contains("an empty item in a list"))
        #expect(why("since:\"yesterday 18:00").hasPrefix("a quote is not closed"))
        #expect(why("since:yesterday 18:00").contains("since:\"yesterday 18:00\""))
        #expect(why("sev:bad").hasPrefix("sev:bad is not a severity: say problem, warning, info or recovery"))
        #expect(why("since:1m until:1h").hasPrefix("since: is after until:"))
        #expect(why("volume:").hasPrefix("volume: needs a volume name"))
        // Not mistakes: a brick's host:path and a geo-rep secondary read as text.
        #expect(why("vm:/bricks/b1") == "" && why("backup::gv0") == "" && why("\"evnt:x\"") == "")
    }

    /// The text a body must hold is looked for only where the raw body reads as it decodes.
    @Test func requiredTextRejectsOnlyWhatCannotMatch() throws {
        let body = #"{"event": "BRICK_DISCONNECTED", "message": {"brick": "/B1", "peer": "vm3", "port": 1e3}, "nodeid": "n", "ts": 1}"#
        #expect(try #require(RequiredText(anyOf: ["vm3:/b1"])).mayHold(body))  // host and path are apart in the body
        #expect(try #require(RequiredText(anyOf: ["gv0", "VM3"])).mayHold(body))
        #expect(try !#require(RequiredText(anyOf: ["gv0", "gv1"])).mayHold(body))
        #expect(RequiredText(anyOf: ["1000"]) == nil)  // a number may be written otherwise (1e3)
        #expect(RequiredText(anyOf: ["gv*", "*"]) == nil)  // one alternative matches anything
        #expect(try #require(RequiredText(anyOf: ["gv0"])).mayHold(#"{"message": {"volume": "g\u00760"}}"#))  // escapes: decode
        // The filter still finds a text in the name when the fields lack it.
        let ring = RecentEvents(capacity: 1)
        ring.append([ReceivedEvent(name: "PEER_CONNECT", timestamp: 1, body: #"{"message": {}}"#, source: "s", receivedAtMillis: 0)], firstSequence: 1)
        #expect(try EventFilter(parsing: "peer_conn").matches(ring.newest(1)[0], nodeNames: [:]))
    }

    /// A filter over a full ring of 100,000 events: the figures are printed, not asserted (CI's
    /// machines vary); the result must be whole.
    @Test func aHundredThousandEventsAreFilteredWhole() throws {
        let ring = RecentEvents(capacity: 100_000)
        let names = ["BRICK_DISCONNECTED", "VOLUME_SET", "CLIENT_CONNECT", "PEER_CONNECT"]
        ring.append(
            (0..<100_000).map { n in
                let name = names[n % 4]
                return ReceivedEvent(
                    name: name, timestamp: 1,
                    body: #"{"event":"\#(name)","message":{"brick":"/bricks/b\#(n % 7)","peer":"vm\#(n % 3)","volume":"gv\#(n % 5)"},"nodeid":"4c10a802","ts":1}"#,
                    source: "127.0.0.1:4000", receivedAtMillis: 1_700_000_000_000 + Int64(n))
            }, firstSequence: 1)
        for (text, expected) in [("event:BRICK_*,QUORUM_LOST", 25_000), ("volume:gv0", 20_000), ("event:BRICK_* volume:gv0", 5_000), ("vm2", 33_333)] {
            var filtered = FilteredEvents(filter: try EventFilter(parsing: text))
            let start = Date()
            _ = filtered.update(from: ring, budget: .infinity)
            print("filter \(text): 100,000 events in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
            #expect(filtered.isComplete && filtered.matchCount == expected)
        }
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
        #expect(filtered.rows == .matching([2, 4, 6]))
        changed = filtered.update(from: ring)
        #expect(!changed)  // nothing new, nothing rescanned
        ring.append((7...14).map(make), firstSequence: 7)  // 1…4 leave the ring
        changed = filtered.update(from: ring)
        #expect(changed)
        #expect(filtered.rows == .matching([6, 8, 10, 12, 14]))
        #expect(filtered.isComplete)
        #expect(filtered.scanned == 14)
    }
}
