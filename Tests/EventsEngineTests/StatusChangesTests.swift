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
        #expect(StatusChanges.between(healthy, retrying).map(\.level) == [.warning])
        #expect(StatusChanges.between(retrying, failing).first?.message.contains("is failing: Couldn't connect") == true)
        #expect(StatusChanges.between(failing, failing).isEmpty)  // still failing: nothing new
        #expect(StatusChanges.between(failing, healthy).map(\.level) == [.info])
    }

    @Test func givenUpEventsProblemsAndLimitsAreToldWhenTheyChange() {
        let url = "http://h/x"
        let before = status { $0.webhooks[url] = health(.failing, givenUp: 2) }
        let after = status {
            $0.webhooks[url] = health(.failing, givenUp: 5)
            $0.problem = "No space left on device"
            $0.limitsReached = ["http_connection_limit": 3]
        }
        let lines = StatusChanges.between(before, after)
        #expect(lines.contains { $0.level == .warning && $0.message.contains("3 events given up (5 in all)") })
        #expect(lines.contains { $0.level == .error && $0.message == "problem: No space left on device" })
        #expect(lines.contains { $0.message.hasPrefix("limit reached: http_connection_limit 3 times") })
        #expect(StatusChanges.between(after, after).isEmpty)
        #expect(StatusChanges.between(after, status()).contains { $0.message.hasPrefix("problem cleared") })
    }

    @Test func aFullDiskIsToldWhenItStartsAndEndsNotAsItsFiguresChange() {
        let full = "cannot append to event log in /x: No space left on device"
        let holding = { (count: Int) in status { $0.problem = full + StatusChanges.figuresSeparator + "\(count) events held in memory" } }
        #expect(StatusChanges.between(status(), holding(1)).map(\.level) == [.error])
        #expect(StatusChanges.between(holding(1), holding(500)).isEmpty)
        #expect(StatusChanges.between(holding(500), status()).map(\.message) == ["problem cleared: \(full) — 500 events held in memory"])
    }

    @Test func eventsDroppedPastTheHoldLimitAreTold() {
        let lines = StatusChanges.between(status { $0.droppedUnlogged = 2 }, status { $0.droppedUnlogged = 7 })
        #expect(lines == [OperatorLine(level: .error, message: "limit reached: hold_limit, 5 events dropped unlogged (7 in all; see eventsdash status)")])
    }

    @Test func trafficIsForDebugOnly() {
        let quiet = status()
        let busy = status { $0.received = 1_000 }
        #expect(StatusChanges.between(quiet, busy).map(\.level) == [.debug])
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
