@testable import Dashboard
import EventLog
import Foundation
import GlusterEvents
import Testing

/// The counts view: what it counts in each window, against hostile times and an empty ring, how
/// it draws, its keys, and that counting a full ring stays quick.
@Suite struct CountsViewTests {
    let fixture = DashboardFixture()
    /// The fixture's clock.
    let nowMillis: Int64 = 1_700_000_000_000

    func counts(_ window: CountWindow, buckets: Int = 60, events: RecentEvents? = nil) -> EventCounts {
        let counted = CountedEvents()
        counted.update(from: events ?? fixture.events, budget: .seconds(60))
        return EventCounts(counted, window: window, nowMillis: nowMillis, buckets: buckets)
    }

    /// An event with the times given as they are (hostile ones too).
    func hostile(timestamp: Int64, receivedAtMillis: Int64, node: String = DashboardFixture.nodeID) -> ReceivedEvent {
        let body = #"{"event":"QUORUM_LOST","message":{"volume":"gv9"},"nodeid":"\#(node)","ts":\#(timestamp)}"#
        return ReceivedEvent(name: "QUORUM_LOST", timestamp: timestamp, body: body, source: "10.0.0.9:1", receivedAtMillis: receivedAtMillis)
    }

    func append(_ event: ReceivedEvent, to events: RecentEvents) {
        events.append([event], firstSequence: (events.sequences?.upperBound ?? 0) + 1)
    }

    @Test func countsPerTypeNodeAndVolumeMostFirst() {
        fixture.add("BRICK_DISCONNECTED", ["brick": "/b2", "volume": "gv1"], secondsAgo: 30)
        fixture.add("BRICK_DISCONNECTED", ["brick": "/b3", "volume": "gv1"], secondsAgo: 20)
        fixture.add("PEER_CONNECT", ["host": "h2"], secondsAgo: 10)
        let counts = counts(.tenMinutes)
        #expect(counts.total == 6)
        #expect(counts.types.map(\.key) == ["BRICK_DISCONNECTED", "PEER_CONNECT", "VOLUME_CREATE", "VOLUME_START"])
        #expect(counts.types.map(\.count) == [3, 1, 1, 1])
        #expect(counts.nodes == [.init(key: DashboardFixture.nodeID, count: 6)])
        // gv0: by `name` on VOLUME_CREATE and VOLUME_START, by `volume` on a brick event.
        #expect(counts.volumes == [.init(key: "gv0", count: 3, namedBy: ["name", "volume"]), .init(key: "gv1", count: 2, namedBy: ["volume"])])
        #expect(counts.withoutVolume == 1)
        #expect(counts.share(3) == "50.0%" && counts.share(1) == "16.6%")
        #expect(counts.histogram.reduce(0, +) == 6)
    }

    @Test func windowsIncludeTheirStartAndLeaveOutWhatCameBefore() {
        fixture.add("PEER_CONNECT", ["host": "at-start"], secondsAgo: 600)
        fixture.add("PEER_CONNECT", ["host": "before"], secondsAgo: 601)
        fixture.add("PEER_CONNECT", ["host": "yesterday"], secondsAgo: 86_401)
        #expect(counts(.tenMinutes).total == 4)
        #expect(counts(.hour).total == 5)
        #expect(counts(.day).total == 5)
        #expect(counts(.allHeld).total == 6)
        let tenMinutes = counts(.tenMinutes, buckets: 60)
        #expect(tenMinutes.bucketMillis == 10_000 && tenMinutes.histogram.count == 60)
        #expect(tenMinutes.histogram.first == 1 && tenMinutes.histogram.last == 3)  // oldest left, now right
        // Columns are round times: 24 hours in 100 columns is 15 minutes each.
        #expect(counts(.day, buckets: 100).bucketMillis == 900_000)
        #expect(CountsView.duration(millis: 900_000) == "15m")
    }

    @Test func hostileTimesNeitherTrapNorLeaveTheHistogram() {
        let events = RecentEvents()
        append(hostile(timestamp: .max, receivedAtMillis: .max), to: events)
        append(hostile(timestamp: .min, receivedAtMillis: .min), to: events)
        append(hostile(timestamp: -1, receivedAtMillis: nowMillis), to: events)
        for window in CountWindow.allCases {
            for buckets in [1, 2, 7, 500] {
                let counts = counts(window, buckets: buckets, events: events)
                #expect(counts.histogram.reduce(0, +) == counts.total)
                #expect(counts.histogram.count >= 1 && counts.histogram.count <= buckets)
                #expect(counts.later == 1)  // the one from the far future, in the last column
            }
        }
        #expect(counts(.tenMinutes, events: events).total == 2)
        #expect(counts(.allHeld, events: events).total == 3)
        #expect(EventCounts.roundStep(atLeast: .max) == .max)
    }

    @Test func anEmptyRingCountsNothing() {
        let counts = counts(.allHeld, events: RecentEvents())
        #expect(counts.total == 0 && counts.types.isEmpty && counts.histogram == [0])
        let counted = CountedEvents()
        #expect(!counted.update(from: RecentEvents()) && counted.pending == 0)
    }

    @Test func factsFollowTheRingIncrementally() {
        let events = RecentEvents(capacity: 4)
        let counted = CountedEvents()
        #expect(!counted.update(from: events))
        for index in 1...3 { append(hostile(timestamp: 1, receivedAtMillis: nowMillis, node: "n\(index)"), to: events) }
        #expect(counted.update(from: events) && counted.live.count == 3)
        #expect(!counted.update(from: events))  // nothing new: nothing decoded again
        for index in 4...6 { append(hostile(timestamp: 1, receivedAtMillis: nowMillis, node: "n\(index)"), to: events) }
        #expect(counted.update(from: events))
        #expect(counted.live.map { counted.name($0.node) } == ["n3", "n4", "n5", "n6"])  // the oldest left the ring
        #expect(counted.firstSequence == 3 && counted.pending == 0)
    }

    @Test func theViewDrawsTheHistogramAndTheTables() {
        for index in 0..<50 { fixture.add("BRICK_DISCONNECTED", ["brick": "/b\(index)", "volume": "gv1"], secondsAgo: Int64(index * 10)) }
        fixture.add("PEER_CONNECT", ["host": "evil\u{1b}[2J"], secondsAgo: 5)
        var state = DashboardState()
        _ = state.handle(.character("c"), fixture.keys())
        state.overlay?.fit(to: fixture.frame())
        let surface = fixture.screen(state)
        let text = surface.text
        #expect(text.contains("▶ EVENT COUNTS  last 10 minutes") && text.contains("54 events  Esc back"))
        #expect(text.contains("[1 10m]  2 1h   3 24h   4 all held"))
        #expect(text.contains("EVENTS PER 10s  (peak 5)") && text.contains(" now"))
        #expect(text.contains("▶ TYPE") && text.contains("NODE") && text.contains("VOLUME  (1 name none)"))
        let rows = surface.lines
        let brick = try! #require(rows.firstIndex { $0.contains("BRICK_DISCONNECTED") && $0.contains("51") })
        #expect(rows[brick].contains("94.4%") && rows[brick].contains("█"))
        #expect(surface.attributes(row: brick, column: 2).contains(.reverse))  // the first row of the focused table
        #expect(rows.contains { $0.contains("gv1") && $0.contains("50") })
        #expect(surface.unescaped.isEmpty)
        #expect(KeyBar.hints(state).contains("1 10m  2 1h  3 24h  4 all held"))
        // Narrower: the tables one above the other.
        let narrow = fixture.screen(state, rows: 48, columns: 90).text
        #expect(narrow.contains("▶ TYPE") && narrow.contains("VOLUME"))
    }

    @Test func keysChooseTheWindowAndTheTableAndEnterFilters() throws {
        var view = CountsView()
        let context = fixture.keys()
        view.fit(to: fixture.frame())
        #expect(view.handle(.character("3"), context).isEmpty && view.window == .day)
        #expect(view.handle(.character("w"), context).isEmpty && view.window == .allHeld)
        var reactions = view.handle(.enter, context)
        #expect(reactions.first?.closes == true)
        guard case .filter(let filter) = reactions[1] else { Issue.record("no filter"); return }
        #expect(filter?.description == "event:BRICK_DISCONNECTED")
        _ = view.handle(.tab, context)
        reactions = view.handle(.enter, context)
        guard case .filter(let node) = reactions[1] else { Issue.record("no filter"); return }
        #expect(node?.description == "node:\(DashboardFixture.nodeID)")
        _ = view.handle(.tab, context)
        view.fit(to: fixture.frame())
        reactions = view.handle(.enter, context)
        guard case .filter(let volume) = reactions[1] else { Issue.record("no filter"); return }
        #expect(volume?.description == "name=gv0")
        #expect(reactions.last?.said == "filter name=gv0: events that name gv0 by volume= are left out")
        #expect(view.handle(.escape, context).first?.closes == true)
        #expect(view.handle(.character("x"), context).count == 1)
    }

    /// A full ring (100,000 events): decoded once, a little per frame; counting a window over it is
    /// one pass over integers, done when the events, window or width change, not per frame.
    @Test func countingAFullRingStaysQuick() {
        let events = RecentEvents(capacity: 100_000, maxBytes: 1 << 30)
        let volumes = (0..<20).map { "gv\($0)" }
        let batch = (0..<100_000).map { index in
            let name = index % 3 == 0 ? "VOLUME_SET" : "BRICK_DISCONNECTED"
            let key = name == "VOLUME_SET" ? "name" : "volume"
            let body = #"{"event":"\#(name)","message":{"\#(key)":"\#(volumes[index % 20])"},"nodeid":"node-\#(index % 4)","ts":1}"#
            return ReceivedEvent(name: name, timestamp: 1, body: body, source: "s", receivedAtMillis: nowMillis - Int64(index))
        }
        events.append(batch, firstSequence: 1)
        let counted = CountedEvents()
        let clock = ContinuousClock()
        var frames = 0
        let decoding = clock.measure {
            while counted.update(from: events), counted.pending > 0 { frames += 1 }
        }
        var counts: EventCounts?
        let counting = clock.measure {
            for window in CountWindow.allCases { counts = EventCounts(counted, window: window, nowMillis: nowMillis, buckets: 200) }
        }
        print("counts view, 100,000 events: decoding \(decoding) over \(frames + 1) frames; counting all 4 windows \(counting)")
        #expect(counts?.total == 100_000 && counts?.volumes.count == 20 && counts?.nodes.count == 4)
        #expect(counting < .milliseconds(400))  // a debug build; a release build is ~10× quicker
    }
}
