import Testing

@testable import EventsEngine

/// When an Alertmanager is sent the alerts: on a change, every resend interval, one at a time.
@Suite struct AlertmanagerTargetTests {
    @Test func sentOnAChangeAndEveryResendIntervalOneRequestAtATime() {
        var target = AlertmanagerTarget()
        #expect(target.isDue(version: 1, at: 100, resendInterval: 60))
        target.sending(alerts: 2, at: 100)
        #expect(!target.isDue(version: 2, at: 500, resendInterval: 60))  // one in flight at a time
        target.finished(version: 1, error: nil, at: 100.1)
        #expect(target.status.sent == 1 && target.status.failing == false && target.status.alerts == 2)
        #expect(!target.isDue(version: 1, at: 159, resendInterval: 60))
        // changed: at once, unless the last request went less than changeGap ago (a flood
        // changes the alerts every second: one request for a few seconds of changes)
        #expect(!target.isDue(version: 2, at: 101, resendInterval: 60))
        #expect(target.isDue(version: 2, at: 100 + AlertmanagerTarget.changeGap, resendInterval: 60))
        #expect(target.isDue(version: 1, at: 160, resendInterval: 60))  // resend
    }

    @Test func aFailedSendIsTriedAgainAfterTheRetryDelayNotEverySecond() {
        var target = AlertmanagerTarget()
        target.sending(alerts: 1, at: 100)
        target.finished(version: 1, error: "Couldn't connect to server", at: 100)
        #expect(target.status.failing == true && target.status.failed == 1 && target.status.lastError == "Couldn't connect to server")
        #expect(!target.isDue(version: 1, at: 101, resendInterval: 60))
        #expect(target.isDue(version: 1, at: 100 + AlertmanagerTarget.retryDelay, resendInterval: 60))
        target.sending(alerts: 1, at: 105)
        target.finished(version: 1, error: nil, at: 105)
        #expect(target.status.failing == false && target.status.lastError == nil && target.status.sent == 1)
    }

    /// Once nothing fires or ended lately, there is nothing to send; that counts as sent.
    @Test func nothingToSendCountsAsSent() {
        var target = AlertmanagerTarget()
        target.sending(alerts: 1, at: 100)
        target.finished(version: 1, error: nil, at: 100)
        target.skip(version: 2)
        #expect(!target.isDue(version: 2, at: 101, resendInterval: 60))
        #expect(target.status.sent == 1)
    }
}
