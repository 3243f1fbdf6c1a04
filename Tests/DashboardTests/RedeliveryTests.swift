@testable import Dashboard
import GlusterEvents
import Testing
import WebhookDelivery

/// Redelivering by hand asks first when a webhook's filter leaves the event out, and tells the
/// outcome of all the webhooks in one line.
@Suite struct RedeliveryTests {
    /// Event #2 of the fixture is BRICK_DISCONNECTED; the second webhook takes only VOLUME_* events.
    private func fixture() -> DashboardFixture {
        var fixture = DashboardFixture()
        fixture.webhooks[1] = Webhook(url: "http://b/2", extraSettings: [("events", .array([.string("VOLUME_*")]))])
        return fixture
    }

    @Test func theEventViewAsksBeforeSendingToAWebhookWhoseFilterLeavesTheEventOut() {
        let fixture = fixture()
        var detail = EventDetailView(sequence: 2)
        let asked = detail.handle(.character("r"), fixture.keys())
        var question = try! #require(asked.first?.opened as? RedeliverQuestion)
        #expect(question.taking == ["http://a/1"] && question.asked == ["http://a/1", "http://b/2"])
        #expect(question.handle(.character("y"), fixture.keys()).last?.command == .redeliver(sequence: 2, urls: ["http://a/1"]))
        #expect(
            question.handle(.character("a"), fixture.keys()).last?.command
                == .redeliver(sequence: 2, urls: ["http://a/1", "http://b/2"]))
        #expect(question.handle(.character("x"), fixture.keys()).last?.said == "not redelivered")
        #expect(question.handle(.character("x"), fixture.keys()).first?.opened as? EventDetailView == detail)  // back to the event

        let bar = TestSurface(rows: 1, columns: 120)
        _ = question.drawKeyBar(on: bar, message: nil)
        #expect(bar.line(0).hasPrefix(" #2 BRICK_DISCONNECTED: http://b/2 filters it out.  y: the 1 that takes it   a: all 2"))

        // An event every filter takes goes at once.
        var volume = EventDetailView(sequence: 1)
        #expect(volume.handle(.character("r"), fixture.keys()).first?.command == .redeliver(sequence: 1, urls: ["http://a/1", "http://b/2"]))
    }

    @Test func theWebhooksPaneAsksBeforeSendingAnEventTheWebhookLeavesOut() {
        let fixture = fixture()
        var pane = WebhooksPane()
        var context = fixture.keys()
        context.selectedEvent = 2
        _ = pane.handle(.down, context)
        var question = try! #require(pane.handle(.character("r"), context).first?.opened as? RedeliverQuestion)
        #expect(question.taking.isEmpty)
        #expect(question.handle(.character("y"), context).last?.said == "not redelivered")  // nothing takes it: a only
        #expect(question.handle(.character("a"), context).last?.command == .redeliver(sequence: 2, urls: ["http://b/2"]))
    }

    @Test func theOutcomesOfOneRedeliveryAreToldTogether() {
        let batches = RedeliveryBatches()
        let batch = batches.start(7, count: 3)
        batches.finish(batch, url: "http://a/1", HTTPOutcome(status: 200, error: nil, latencySeconds: 0.01))
        batches.finish(batch, url: "http://b/2", HTTPOutcome(status: 500, error: nil, latencySeconds: 0.01))
        #expect(batches.takeFinished().isEmpty)  // one still to answer
        batches.finish(batch, url: "http://c/3", HTTPOutcome(status: nil, error: "Connection refused", latencySeconds: 0))
        let lines = batches.takeFinished()
        #expect(lines.count == 1)
        #expect(lines.first?.text == "redelivered #7 to 3 webhooks: 1 delivered, 2 failed — http://b/2 HTTP 500, http://c/3 Connection refused")
        #expect(lines.first?.isError == true)
    }
}

/// Before an action that drops or leaves events, the dashboard says so.
@Suite struct ConsequencesTests {
    private func context(backlog: Int, attached: Bool = false) -> KeyContext {
        var context = DashboardFixture().keys()
        var health = WebhookHealth()
        health.backlog = backlog
        context.webhookHealth = ["http://a/1": health, "http://b/2": WebhookHealth()]
        context.engineRunsOn = attached
        return context
    }

    @Test func quittingWithEventsWaitingAsksWhatBecomesOfThem() {
        var state = DashboardState()
        #expect(state.handle(.character("q"), context(backlog: 1234)) == nil)
        let question = try! #require(state.overlay as? QuitQuestion)
        #expect(question.waiting == 1234 && question.webhooks == 1)
        let bar = TestSurface(rows: 1, columns: 160)
        _ = question.drawKeyBar(on: bar, message: nil)
        #expect(bar.line(0).hasPrefix(" 1,234 events wait for 1 webhook: kept in the log for the next run.  s: quit, leave eventsdash serve delivering"))
        let one = try! #require(QuitQuestion(context(backlog: 1)))
        _ = one.drawKeyBar(on: bar, message: nil)
        #expect(bar.line(0).hasPrefix(" 1 event waits for 1 webhook: kept in the log"))
        #expect(state.handle(.character("x"), context(backlog: 1234)) == nil && state.overlay == nil)  // stays
        _ = state.handle(.character("q"), context(backlog: 1234))
        #expect(state.handle(.character("s"), context(backlog: 1234)) == .stop(leavingServe: true))

        // Nothing waits, or the engine is another process's: q quits at once.
        var idle = DashboardState()
        #expect(idle.handle(.character("q"), context(backlog: 0)) == .stop(leavingServe: false))
        #expect(idle.handle(.character("q"), context(backlog: 9, attached: true)) == .stop(leavingServe: false))
    }

    @Test func deletingAWebhookNamesTheEventsThatWaitForIt() {
        var pane = WebhooksPane()
        let opened = pane.handle(.character("d"), context(backlog: 55_293)).first?.opened as? DeleteConfirmation
        #expect(opened == DeleteConfirmation(url: "http://a/1", undelivered: 55_293))
        let bar = TestSurface(rows: 1, columns: 160)
        _ = opened?.drawKeyBar(on: bar, message: nil)
        #expect(bar.line(0).hasPrefix(" Delete webhook http://a/1? 55,293 events waiting for it will not be sent.  y: delete"))
    }
}
