@testable import Dashboard
import Foundation
import GlusterEvents
import Testing

@Suite struct DashboardStateTests {
    let webhooks = [Webhook(url: "http://a/1", token: "t"), Webhook(url: "http://b/2")]
    let config = try! EventsConfig(defaults: nil, defaultsPath: "-", overrides: nil, overridesPath: "-")

    /// A terminal whose events pane shows 10 events.
    private func context(held: ClosedRange<UInt64>? = 1...100, webhooks: [Webhook]? = nil) -> KeyContext {
        KeyContext(
            rows: .all(held), webhooks: webhooks ?? self.webhooks, config: config,
            layout: DashboardLayout(rows: 25, columns: 120, webhookCount: 2))
    }

    private func promptText(_ state: DashboardState) -> String? {
        (state.overlay as? FilterPrompt)?.editor.string
    }

    private func press(_ keys: Key..., on state: inout DashboardState) -> [DashboardState.Command] {
        keys.compactMap { state.handle($0, context()) }
    }

    @Test func tabCyclesFocusBothWays() {
        var state = DashboardState()
        _ = press(.tab, on: &state)
        #expect(state.focusedPane is WebhooksPane)
        _ = press(.tab, .tab, .tab, on: &state)
        #expect(state.focusedPane is EventsPane)
        _ = press(.backTab, on: &state)
        #expect(state.focusedPane is HealthPane)
        _ = press(.backTab, on: &state)
        #expect(state.focusedPane is ConfigPane)
    }

    @Test func qQuitsExceptWhileTyping() {
        var state = DashboardState()
        #expect(press(.character("q"), on: &state) == [.stop(leavingServe: false)])
        _ = press(.character("/"), on: &state)
        #expect(press(.character("q"), on: &state) == [])
        #expect(promptText(state) == "q")
    }

    @Test func slashFiltersAndEscClears() {
        var state = DashboardState()
        state.focus(on: ConfigPane.self)
        _ = press(.character("/"), on: &state)
        #expect(state.focusedPane is EventsPane)
        for character in "event:BRICK_*" { _ = press(.character(character), on: &state) }
        _ = press(.enter, on: &state)
        #expect(state.overlay == nil)
        #expect(state.filter?.filter.description == "event:BRICK_*")
        // / again starts from the active filter
        _ = press(.character("/"), on: &state)
        #expect(state.overlay as? FilterPrompt == FilterPrompt("event:BRICK_*"))
        _ = press(.escape, on: &state)  // Esc in the prompt: keep the filter
        #expect(state.filter != nil)
        _ = press(.escape, on: &state)  // Esc in the pane: clear it
        #expect(state.filter == nil)
        #expect(state.currentMessage()?.text == "filter cleared")
    }

    @Test func aBadFilterKeepsThePromptOpenWithTheReason() {
        var state = DashboardState()
        _ = press(.character("/"), .character("e"), .character("v"), .character("e"), .character("n"), .character("t"), .character(":"), .enter, on: &state)
        #expect(promptText(state) == "event:")
        #expect(state.currentMessage()?.isError == true)
    }

    @Test func enterOpensTheSelectedEventAndEscGoesBack() {
        var state = DashboardState()
        _ = press(.up, .up, .enter, on: &state)
        #expect(state.overlay as? EventDetailView == EventDetailView(sequence: 98, scroll: 0))
        _ = press(.down, .down, .up, on: &state)
        #expect(state.overlay as? EventDetailView == EventDetailView(sequence: 98, scroll: 1))
        #expect(state.handle(.character("r"), context()) == .redeliver(sequence: 98, urls: ["http://a/1", "http://b/2"]))
        _ = press(.escape, on: &state)
        #expect(state.overlay == nil)
        #expect(state[pane: EventsPane.self]?.viewport.isPaused == true)
    }

    @Test func webhookKeysAddEditDeletePingAndRedeliver() {
        var state = DashboardState()
        state.focus(on: WebhooksPane.self)
        _ = press(.character("a"), on: &state)
        #expect(state.overlay as? WebhookForm == WebhookForm(purpose: .add))
        _ = press(.escape, .down, on: &state)
        #expect(state[pane: WebhooksPane.self]?.selected == 1)
        #expect(press(.character("t"), on: &state) == [.testPing(url: "http://b/2")])
        _ = press(.up, .character("e"), on: &state)
        #expect(state.overlay as? WebhookForm == WebhookForm(purpose: .edit(url: "http://a/1", hasToken: true, hasSecret: false)))
        _ = press(.escape, .down, on: &state)
        // r: the events pane's selected event (following: the newest) to the selected webhook.
        #expect(press(.character("r"), on: &state) == [.redeliver(sequence: 100, urls: ["http://b/2"])])
        _ = press(.up, .character("d"), on: &state)
        #expect(state.overlay as? DeleteConfirmation == DeleteConfirmation(url: "http://a/1"))
        #expect(press(.character("n"), on: &state) == [])
        #expect(state.currentMessage()?.text == "not deleted")
        #expect(press(.character("d"), .character("y"), on: &state) == [.deleteWebhook(url: "http://a/1")])
    }

    @Test func withoutWebhooksTheKeysSayHowToAddOne() {
        var state = DashboardState()
        state.focus(on: WebhooksPane.self)
        #expect(state.handle(.character("d"), context(webhooks: [])) == nil)
        #expect(state.currentMessage()?.text.contains("press a to add one") == true)
    }

    @Test func configEditsInPlaceAndTogglesTheEventsLog() {
        var state = DashboardState()
        state.focus(on: ConfigPane.self)
        _ = press(.enter, on: &state)
        #expect(state[pane: ConfigPane.self]?.editor == ConfigEditor(.port, text: "55555"))
        _ = press(.backspace, .character("6"), on: &state)
        #expect(press(.enter, on: &state) == [.setConfig(.port, "55556")])
        #expect(state[pane: ConfigPane.self]?.editor == nil)
        _ = press(.down, .down, on: &state)
        #expect(press(.enter, on: &state) == [.setConfig(.eventsLog, "off")])
        _ = press(.down, .enter, on: &state)  // the webhooks file: read-only
        #expect(state[pane: ConfigPane.self]?.editor == nil)
        #expect(state.currentMessage()?.text.contains("read-only") == true)
    }

    /// Issue 15: a message stayed across keys and panes.
    @Test func aMessageGoesWithTheNextKey() {
        var state = DashboardState()
        state.say("filter cleared")
        _ = press(.tab, on: &state)
        #expect(state.currentMessage() == nil)
        state.say("http://a/1: ping HTTP 200 in 3.0ms")
        _ = press(.down, on: &state)  // in the webhooks pane
        #expect(state.currentMessage() == nil)
        _ = press(.resize, on: &state)  // the terminal's doing, not the user's
        state.say("saved")
        _ = press(.resize, on: &state)
        #expect(state.currentMessage()?.text == "saved")
        // The key's own message replaces the old one.
        _ = press(.character("d"), .character("n"), on: &state)
        #expect(state.currentMessage()?.text == "not deleted")
        // …and any message still goes after a few seconds.
        #expect(state.currentMessage(now: Date().addingTimeInterval(5)) == nil)
    }

    /// Issue 15: a key that means nothing did nothing, silently.
    @Test func anUnknownKeySaysSoAndPointsToTheHelp() {
        var state = DashboardState()
        _ = press(.character("x"), on: &state)
        #expect(state.currentMessage()?.text == "unknown key x — ? for help")
        #expect(state.currentMessage()?.isError == false)
        _ = press(.down, on: &state)  // a key the pane knows: no hint
        #expect(state.currentMessage() == nil)
        _ = press(.function(5), on: &state)
        #expect(state.currentMessage()?.text == "unknown key F5 — ? for help")
        _ = press(.tab, .control("x"), on: &state)
        #expect(state.currentMessage()?.text == "unknown key Ctrl-X — ? for help")
        _ = press(.tab, .function(5), on: &state)  // the config pane
        #expect(state.currentMessage()?.text == "unknown key F5 — ? for help")
        _ = press(.tab, .character("z"), on: &state)  // the health pane
        #expect(state.currentMessage()?.text == "unknown key z — ? for help")
        _ = press(.tab, .enter, .character("z"), on: &state)  // an event's detail view
        #expect(state.overlay is EventDetailView)
        #expect(state.currentMessage()?.text == "unknown key z — ? for help")
        _ = press(.escape, .other, on: &state)
        #expect(state.currentMessage()?.text == "unknown key — ? for help")
        // A click where it selects nothing is no key: no hint.
        _ = press(.mouse(.click(row: 1, column: 1)), on: &state)
        #expect(state.currentMessage() == nil)
    }

    @Test func helpClosesOnAnyKeyButQStillQuits() {
        var state = DashboardState()
        _ = press(.function(1), on: &state)
        #expect(state.overlay is HelpOverlay)
        _ = press(.character("x"), on: &state)
        #expect(state.overlay == nil)
        _ = press(.character("?"), on: &state)
        #expect(press(.character("q"), on: &state) == [.stop(leavingServe: false)])
    }

    @Test func mouseClicksFocusAndSelectWheelScrolls() throws {
        var state = DashboardState()
        let layout = try #require(context().layout)
        let webhooks = try #require(layout.region(of: WebhooksPane.self))
        let config = try #require(layout.region(of: ConfigPane.self))
        let events = try #require(layout.region(of: EventsPane.self))
        // Click the second webhook row (below the title and the column names).
        _ = press(.mouse(.click(row: webhooks.top + 3, column: 3)), on: &state)
        #expect(state.focusedPane is WebhooksPane)
        #expect(state[pane: WebhooksPane.self]?.selected == 1)
        // Click a config row.
        _ = press(.mouse(.click(row: config.top + 1 + 2, column: config.left + 2)), on: &state)
        #expect(state.focusedPane is ConfigPane)
        #expect(state[pane: ConfigPane.self]?.selected == 2)
        // The wheel over the events pane scrolls it (and pauses).
        _ = press(.mouse(.wheelUp(row: 5, column: 5)), on: &state)
        #expect(state[pane: EventsPane.self]?.viewport.selectedSequence(height: 10, rows: .all(1...100)) == 97)
        // A double click on an event opens it.
        _ = press(.mouse(.doubleClick(row: events.top + 2, column: 5)), on: &state)
        #expect(state.overlay as? EventDetailView == EventDetailView(sequence: 91, scroll: 0))
    }

    @Test func enterOpensTheWebhookViewWhereRRedeliversTheSelectedGivenUpEvent() {
        var state = DashboardState()
        state.focus(on: WebhooksPane.self)
        _ = press(.down, .enter, on: &state)
        #expect(state.overlay as? WebhookView == WebhookView(url: "http://b/2", selected: 0))
        var context = context()
        context.givenUp = [
            .init(atMillis: 2, sequence: 12, url: "http://b/2", reason: "refused: HTTP 400"),
            .init(atMillis: 1, sequence: 5, count: 3, url: "http://b/2", reason: "3 events deleted by log retention"),
        ]
        #expect(state.handle(.character("r"), context) == .redeliver(sequence: 12, urls: ["http://b/2"]))
        _ = state.handle(.down, context)
        _ = state.handle(.down, context)  // stays on the last
        #expect(state.overlay as? WebhookView == WebhookView(url: "http://b/2", selected: 1))
        #expect(state.handle(.character("r"), context) == nil)  // deleted by retention: nothing to send
        #expect(state.currentMessage()?.isError == true)
        #expect(state.handle(.character("t"), context) == .testPing(url: "http://b/2"))
        _ = state.handle(.character("e"), context)
        guard let form = state.overlay as? WebhookForm else {
            Issue.record("e should open the edit form")
            return
        }
        #expect(form.title == "Edit webhook" && form.url.string == "http://b/2")
        state.overlay = WebhookView(url: "http://b/2", selected: 1)
        _ = state.handle(.escape, context)
        #expect(state.overlay == nil && state.focusedPane is WebhooksPane)
    }
}
