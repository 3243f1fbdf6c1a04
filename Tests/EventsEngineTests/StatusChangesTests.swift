import Logging
import Testing
import WebhookDelivery

@testable import EventsEngine

/// What the engine logs is what changed, once: never a line per event at INFO.
@Suite struct StatusChangesTests {
    private func status(_ change: (inout EngineStatus) -> Void = { _ in }) -> EngineStatus {
        var status = EngineStatus.placeholder(port: 55555)
        change(&status)
        return status
    }

    /// What a publisher that has told nothing yet says of a second's change.
    private func changes(_ previous: EngineStatus, _ current: EngineStatus) -> [OperatorLine] {
        var changes = StatusChanges()
        return changes.lines(from: previous, to: current, at: 0)
    }

    private func health(_ state: WebhookHealth.State, givenUp: Int = 0, error: String? = nil) -> WebhookHealth {
        var health = WebhookHealth()
        health.state = state
        health.givenUp = givenUp
        health.lastError = error
        return health
    }

    @Test func aWebhookFailingAndRecoveringIsToldOnceEach() {
        let url = "http://10.0.0.5:9000/listen"
        let healthy = status { $0.webhooks[url] = health(.healthy) }
        let retrying = status { $0.webhooks[url] = health(.retrying, error: "Couldn't connect to server") }
        let failing = status { $0.webhooks[url] = health(.failing, error: "Couldn't connect to server") }
        #expect(changes(healthy, retrying).map(\.level) == [.warning])
        #expect(changes(retrying, failing).first?.message.contains("is failing: Couldn't connect") == true)
        #expect(changes(failing, failing).isEmpty)  // still failing: nothing new
        #expect(changes(failing, healthy).map(\.level) == [.info])
    }

    @Test func anAlertmanagerFailingAndRecoveringIsToldOnceEach() {
        let url = "http://am:9093"
        let am = { (failing: Bool?) in
            status {
                var figures = AlertmanagerStatus()
                figures.failing = failing
                figures.lastError = failing == true ? "Couldn't connect to server" : nil
                $0.alertmanager = [url: figures]
            }
        }
        #expect(changes(am(nil), am(false)).isEmpty)
        #expect(
            changes(am(false), am(true)).map(\.message) == [
                "alertmanager http://am:9093 is failing: Couldn't connect to server; alerts are sent again until it takes them"
            ])
        #expect(changes(am(true), am(true)).isEmpty)
        #expect(changes(am(true), am(false)).map(\.level) == [.info])
    }

    @Test func givenUpEventsProblemsAndLimitsAreToldWhenTheyChange() {
        let url = "http://h/x"
        let before = status { $0.webhooks[url] = health(.failing, givenUp: 2) }
        let after = status {
            $0.webhooks[url] = health(.failing, givenUp: 5)
            $0.problem = "No space left on device"
            $0.limitsReached = ["http_connection_limit": 3]
        }
        let lines = changes(before, after)
        #expect(lines.contains { $0.level == .warning && $0.message.contains("3 events given up (5 in all)") })
        #expect(lines.contains { $0.level == .error && $0.message == "problem: No space left on device" })
        #expect(lines.contains { $0.message.hasPrefix("limit reached: http_connection_limit 3 times") })
        #expect(changes(after, after).isEmpty)
        #expect(changes(after, status()).contains { $0.message.hasPrefix("problem cleared") })
    }

    @Test func aFullDiskIsToldWhenItStartsAndEndsNotAsItsFiguresChange() {
        let full = "cannot append to event log in /x: No space left on device"
        let holding = { (count: Int) in status { $0.problem = full + StatusChanges.figuresSeparator + "\(count) events held in memory" } }
        #expect(changes(status(), holding(1)).map(\.level) == [.error])
        #expect(changes(holding(1), holding(500)).isEmpty)
        #expect(changes(holding(500), status()).map(\.message) == ["problem cleared: \(full) — 500 events held in memory"])
    }

    @Test func eventsDroppedPastTheHoldLimitAreTold() {
        let lines = changes(status { $0.droppedUnlogged = 2 }, status { $0.droppedUnlogged = 7 })
        #expect(lines == [OperatorLine(level: .error, message: "limit reached: hold_limit, 5 events dropped unlogged (7 in all; see eventsdash status)")])
    }

    /// A limit hit all the time (an attack) is told at once, then once a minute with what was added
    /// meanwhile; nothing is lost, and a quiet spell makes the next hit told at once again.
    @Test func aCountKeptRisingIsToldOnceAMinute() {
        var changes = StatusChanges()
        let url = "http://h/x"
        func figures(_ second: Int) -> EngineStatus {
            status {
                $0.limitsReached = ["http_body_budget": second * 10]
                $0.webhooks[url] = health(.failing, givenUp: second)
            }
        }
        var told: [(second: Int, line: String)] = []
        for second in 1...150 {
            for line in changes.lines(from: figures(second - 1), to: figures(second), at: Double(second)) {
                told.append((second, line.message))
            }
        }
        let limitLines = told.filter { $0.line.hasPrefix("limit reached") }
        #expect(limitLines.map(\.second) == [1, 61, 121])
        #expect(limitLines.map(\.line) == [
            "limit reached: http_body_budget 10 times (10 in all; see eventsdash status)",
            "limit reached: http_body_budget 600 times (610 in all; see eventsdash status)",
            "limit reached: http_body_budget 600 times (1210 in all; see eventsdash status)",
        ])
        #expect(told.filter { $0.line.contains("given up") }.map(\.second) == [1, 61, 121])
        // Quiet until second 400, then one more: told at once, with what rose since last told.
        let later = status { $0.limitsReached = ["http_body_budget": 1_510] }
        #expect(changes.lines(from: figures(150), to: later, at: 400).contains {
            $0.message == "limit reached: http_body_budget 300 times (1510 in all; see eventsdash status)"
        })
    }

    @Test func trafficIsForDebugOnly() {
        let quiet = status()
        let busy = status { $0.received = 1_000 }
        #expect(changes(quiet, busy).map(\.level) == [.debug])
    }

    @Test func theLiveLevelFollowsGlusterNames() {
        let level = LiveLogLevel()
        #expect(level.level == .info)
        level.set(glusterName: "DEBUG")
        #expect(OperatorLog.logger(level: level).logLevel == .debug)
        level.set(glusterName: "critical")
        #expect(level.level == .critical)
    }
}
