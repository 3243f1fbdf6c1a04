import ClusterHealth
import Testing

@testable import EventsEngine

/// Which alerts go to Alertmanager, with which `endsAt`, as problems open, close and are muted.
@Suite struct AlertBookTests {
    private func report(_ events: [(String, [String: String])], at now: Double = 200, decisions: HealthDecisions = .init()) -> HealthReport {
        AlertmanagerAlertTests.report(events, at: now, decisions: decisions)
    }

    let b1 = AlertmanagerAlertTests.b1
    let b2 = ["peer": "vm", "volume": "gv0", "brick": "/bricks/gv0/b2"]

    @Test func twoBricksDownAreTwoFiringAlertsThatEndAFewResendsAhead() {
        var book = AlertBook(resendInterval: 60)
        book.update(with: report([("BRICK_DISCONNECTED", b1), ("BRICK_DISCONNECTED", b2)]), nodeID: "n", at: 200)
        let alerts = book.alerts(at: 200)
        #expect(alerts.map { $0.labels["brick"] } == ["/bricks/gv0/b1", "/bricks/gv0/b2"])
        #expect(alerts.allSatisfy { $0.startsAt == 100 && $0.endsAt == 200 + 4 * 60 })
        #expect(book.alerts(at: 260).allSatisfy { $0.endsAt == 260 + 240 })  // each resend moves it on
    }

    /// As a Prometheus rule's `for:`: a problem fires once open `pendingFor` seconds, and one
    /// that clears before never reaches Alertmanager.
    @Test func aProblemFiresOnceItHasBeenOpenForThePendingTime() {
        var book = AlertBook(resendInterval: 60, pendingFor: 5)
        let down = report([("BRICK_DISCONNECTED", b1)], at: 104)  // open since 100
        book.update(with: down, nodeID: "n", at: 104)
        #expect(book.firing.isEmpty && book.alerts(at: 104).isEmpty)
        book.update(with: report([("BRICK_DISCONNECTED", b1)], at: 105), nodeID: "n", at: 105)
        #expect(book.firing.count == 1 && book.alerts(at: 105).first?.startsAt == 100)
        var brief = AlertBook(resendInterval: 60, pendingFor: 5)
        brief.update(with: down, nodeID: "n", at: 104)
        brief.update(with: report([("BRICK_DISCONNECTED", b1), ("BRICK_CONNECTED", b1)], at: 106), nodeID: "n", at: 106)
        #expect(brief.alerts(at: 106).isEmpty && brief.version == 0)
    }

    @Test func aClosedProblemEndsWhenItClosedAndIsSentForAWhile() {
        var book = AlertBook(resendInterval: 60)
        book.update(with: report([("BRICK_DISCONNECTED", b1)]), nodeID: "n", at: 200)
        let firing = book.version
        book.update(with: report([("BRICK_DISCONNECTED", b1)]), nodeID: "n", at: 201)
        #expect(book.version == firing)  // nothing changed: nothing to send at once
        book.update(with: report([("BRICK_DISCONNECTED", b1), ("BRICK_CONNECTED", b1)], at: 205), nodeID: "n", at: 205)
        #expect(book.version == firing + 1)
        #expect(book.firing.isEmpty)
        #expect(book.alerts(at: 205).map(\.endsAt) == [205])
        #expect(book.alerts(at: 205 + 239).count == 1)
        book.update(with: report([]), nodeID: "n", at: 205 + 240)  // after four resend intervals it is let go
        #expect(book.alerts(at: 205 + 240).isEmpty)
    }

    @Test func aMutedProblemIsNotSentAndAFiringOneEndsWhenMuted() throws {
        let down = report([("BRICK_DISCONNECTED", b1)])
        let id = try #require(down.problems.first?.id)
        var book = AlertBook(resendInterval: 60)
        book.update(with: down, nodeID: "n", at: 200)
        var decisions = HealthDecisions()
        decisions.record(.mute(id, seconds: 3600), at: 150)
        let muted = report([("BRICK_DISCONNECTED", b1)], decisions: decisions)
        #expect(muted.problems.first?.muted == true)
        book.update(with: muted, nodeID: "n", at: 210)
        #expect(book.firing.isEmpty && book.alerts(at: 210).map(\.endsAt) == [210])
        var fresh = AlertBook(resendInterval: 60)
        fresh.update(with: muted, nodeID: "n", at: 210)
        #expect(fresh.alerts(at: 210).isEmpty)
    }

    /// A flapping problem that is closed now is resolved (the brick is up), as of when it closed;
    /// while open it fires with a `flapping` annotation.
    @Test func aFlappingProblemFiresWhileOpenAndEndsWhenItCloses() {
        var health = ClusterHealth()
        for (index, name) in ["BRICK_DISCONNECTED", "BRICK_CONNECTED", "BRICK_DISCONNECTED", "BRICK_CONNECTED", "BRICK_DISCONNECTED"].enumerated() {
            health.apply(HealthEvent(name: name, fields: b1, node: "node-b", time: 100 + Double(index) * 20))
        }
        var book = AlertBook(resendInterval: 60)
        book.update(with: health.report(at: 200), nodeID: "n", at: 200)
        #expect(book.alerts(at: 200).first?.annotations["flapping"] != nil)
        health.apply(HealthEvent(name: "BRICK_CONNECTED", fields: b1, node: "node-b", time: 190))
        let closed = health.report(at: 200)
        #expect(closed.problems.first.map { !$0.isOpen && $0.flapping } == true)
        book.update(with: closed, nodeID: "n", at: 200)
        #expect(book.firing.isEmpty && book.alerts(at: 200).map(\.endsAt) == [190])
    }

    /// Open again after it ended: firing again, and no longer among the ended.
    @Test func aProblemThatOpensAgainFiresAgain() {
        var book = AlertBook(resendInterval: 60)
        book.update(with: report([("BRICK_DISCONNECTED", b1)]), nodeID: "n", at: 200)
        book.update(with: report([]), nodeID: "n", at: 201)
        book.update(with: report([("BRICK_DISCONNECTED", b1)]), nodeID: "n", at: 202)
        #expect(book.firing.count == 1 && book.ended.isEmpty)
        #expect(book.alerts(at: 202).map(\.endsAt) == [202 + 240])
    }
}

/// Whatever the problems, what goes to Alertmanager is bounded.
@Suite struct AlertBookBoundsTests {
    /// 150 bricks down on two volumes and one quorum lost: the quorum and the 99 newest bricks one
    /// by one, the other 51 as one alert per volume, with how many each holds.
    @Test func pastAHundredTheRestAreGroupedByKindAndVolume() throws {
        var events = (0..<150).map { ("BRICK_DISCONNECTED", ["peer": "h", "volume": "v\($0 % 2)", "brick": "/b\($0)"]) }
        events.append(("QUORUM_LOST", ["volume": "v0"]))
        var book = AlertBook(resendInterval: 60)
        book.update(with: AlertmanagerAlertTests.report(events, at: 200), nodeID: "n", at: 200)
        let alerts = book.alerts(at: 200)
        let grouped = alerts.filter { $0.labels["grouped"] == "true" }
        #expect(alerts.count == 102 && grouped.count == 2)
        #expect(alerts.contains { $0.labels["alertname"] == "GlusterQuorumLost" && $0.labels["grouped"] == nil })
        #expect(grouped.compactMap { $0.annotations["count"].flatMap { Int($0) } }.reduce(0, +) == 51)
        #expect(Set(grouped.compactMap { $0.labels["volume"] }) == ["v0", "v1"])
        #expect(grouped.allSatisfy { $0.labels["problem"]?.hasPrefix("brick-down/grouped:") == true && $0.labels["severity"] == "warning" })
    }

    /// More groups than room (a kind on hundreds of volumes): one alert per kind; 200 at most.
    @Test func tooManyGroupsBecomeOnePerKind() {
        let events = (0..<400).map { ("BRICK_DISCONNECTED", ["peer": "h", "volume": "v\($0)", "brick": "/b\($0)"]) }
        var book = AlertBook(resendInterval: 60)
        book.update(with: AlertmanagerAlertTests.report(events, at: 200), nodeID: "n", at: 200)
        let alerts = book.alerts(at: 200)
        #expect(alerts.count == 101 && alerts.filter { $0.labels["grouped"] == "true" }.map { $0.annotations["count"] } == ["300"])
        #expect(alerts.first { $0.labels["grouped"] == "true" }?.labels["volume"] == nil)
    }

    /// When they all close, at most `maxEnded` ended alerts are sent on (the latest).
    @Test func endedAlertsAreBoundedToo() {
        var book = AlertBook(resendInterval: 60)
        let down = (0..<150).map { ("BRICK_DISCONNECTED", ["peer": "h", "volume": "v\($0)", "brick": "/b\($0)"]) }
        book.update(with: AlertmanagerAlertTests.report(down, at: 200), nodeID: "n", at: 200)
        book.update(with: AlertmanagerAlertTests.report([], at: 201), nodeID: "n", at: 201)
        #expect(book.firing.isEmpty && book.ended.count == AlertBook.maxEnded)
    }
}
