@testable import Dashboard
import GlusterEvents
import Testing

/// Each pane's and overlay's keys on their own, and what the dashboard derives from the layout's
/// list of panes.
@Suite struct PaneKeyTests {
    let fixture = DashboardFixture()

    /// The key context of `Pane`'s body, as `DashboardState` passes it.
    private func context(for pane: any Pane, selectedEvent: UInt64? = nil) -> KeyContext {
        var context = fixture.keys()
        let index = DashboardLayout.panes.firstIndex { type(of: $0.pane) == type(of: pane) }!
        context.area = context.layout!.regions[index].body
        context.selectedEvent = selectedEvent
        return context
    }

    @Test func tabFocusesEachPaneOfTheLayoutInTurn() {
        var state = DashboardState()
        var seen: [String] = []
        for _ in DashboardLayout.panes {
            seen.append("\(type(of: state.focusedPane))")
            _ = state.handle(.tab, fixture.keys())
        }
        #expect(seen == DashboardLayout.panes.map { "\(type(of: $0.pane))" })
        #expect(state.focusedPane is EventsPane)
    }

    @Test func theKeyBarOffersTheSharedKeysThenTheFocusedPanes() {
        var state = DashboardState()
        #expect(KeyBar.hints(state) == " q quit  ? help  Tab pane  / filter  s search  @ time  c counts  v cluster  Enter event  Space pause  events: following")
        state.focus(on: ConfigPane.self)
        #expect(KeyBar.hints(state) == " q quit  ? help  Tab pane  Enter edit  ↑↓ select")
        _ = state.handle(.enter, fixture.keys())  // typing the port: only the editor's keys
        #expect(KeyBar.hints(state) == " Enter save  Esc cancel  ←→ Home End move  Ctrl-U clear")
        state = DashboardState()
        state.overlay = EventDetailView(sequence: 1)
        #expect(KeyBar.hints(state).hasPrefix(" Esc back  ↑↓ PgUp PgDn scroll"))
        state.overlay = HelpOverlay()  // the help leaves the pane's keys
        #expect(KeyBar.hints(state).hasPrefix(" q quit  ? help  Tab pane  / filter"))
    }

    @Test func eventsMoveSelectAndOpen() throws {
        var pane = EventsPane()
        let context = context(for: pane)
        _ = pane.handle(.up, context)
        #expect(pane.viewport.isPaused)
        let opened = try #require(pane.handle(.enter, context).first?.opened as? EventDetailView)
        #expect(opened == EventDetailView(sequence: 2))
        _ = pane.handle(.character(" "), context)
        #expect(!pane.viewport.isPaused)
        // A click on the first event row (below the column names) selects it; a double click opens it.
        _ = pane.handle(.click(row: 1, column: 4), context)
        #expect(pane.selectedSequence(rows: context.rows, area: context.area) == 1)
        #expect(pane.handle(.doubleClick(row: 2, column: 4), context).first?.opened as? EventDetailView == EventDetailView(sequence: 2))
    }

    @Test func webhookKeysOpenTheFormTheViewAndTheQuestion() {
        var pane = WebhooksPane()
        let context = context(for: pane, selectedEvent: 3)
        #expect(pane.handle(.character("a"), context).first?.opened as? WebhookForm == WebhookForm(purpose: .add))
        #expect(pane.handle(.enter, context).first?.opened as? WebhookView == WebhookView(url: "http://a/1"))
        _ = pane.handle(.down, context)
        #expect(pane.handle(.character("d"), context).first?.opened as? DeleteConfirmation == DeleteConfirmation(url: "http://b/2"))
        #expect(pane.handle(.character("r"), context).first?.command == .redeliver(sequence: 3, urls: ["http://b/2"]))
        #expect(pane.handle(.character("r"), self.context(for: pane)).first?.said == "no event to redeliver yet")
        #expect(pane.handle(.character("R"), context).first?.command == .retryNow(url: "http://b/2"))
        _ = pane.handle(.wheelUp(row: 0, column: 0), context)
        #expect(pane.selected == 0)
        _ = pane.handle(.click(row: 2, column: 3), context)  // the second webhook's row
        #expect(pane.selected == 1)
    }

    @Test func configValuesAreTypedInPlaceAndRefusedWithWhy() {
        var pane = ConfigPane()
        let context = context(for: pane)
        _ = pane.handle(.enter, context)
        #expect(pane.isTyping && pane.editor == ConfigEditor(.port, text: "55555"))
        for key in [Key.control("u"), .character("x")] { _ = pane.handle(key, context) }
        let refused = pane.handle(.enter, context)
        #expect(refused.first?.said?.isEmpty == false && pane.isTyping)
        _ = pane.handle(.escape, context)
        #expect(!pane.isTyping)
        _ = pane.handle(.click(row: 2, column: 1), context)  // the events log's row
        #expect(pane.handle(.character(" "), context).first?.command == .setConfig(.eventsLog, "off"))
    }

    @Test func theFilterPromptAppliesOrExplains() {
        var prompt = FilterPrompt("")
        for character in "event:" { _ = prompt.handle(.character(character), fixture.keys()) }
        let refused = prompt.handle(.enter, fixture.keys())
        #expect(refused.count == 1 && refused[0].said?.hasPrefix("event: needs a name") == true)
        _ = prompt.handle(.character("V"), fixture.keys())
        let applied = prompt.handle(.enter, fixture.keys())
        guard case .filter(let filter) = applied.first else {
            Issue.record("Enter should apply the filter")
            return
        }
        #expect(filter?.description == "event:V" && applied.last?.closes == true)
    }

    @Test func theFilterPromptSaysWhyInPlace() {
        var prompt = FilterPrompt("")
        for character in "evnt:BRICK_*" { _ = prompt.handle(.character(character), fixture.keys()) }
        let refused = prompt.handle(.enter, fixture.keys())
        #expect(refused.count == 1 && refused[0].said?.hasPrefix("evnt: is not a filter word: say event:") == true)
        let bar = TestSurface(rows: 1, columns: 160)
        #expect(prompt.drawKeyBar(on: bar, message: (refused[0].said!, true)))
        #expect(bar.line(0).hasPrefix(" filter: evnt:BRICK_*   ⚠ evnt: is not a filter word"))
    }

    /// `s` searches in the filter's words: the matches are selected in turn (n below, N above),
    /// nothing is hidden, and Esc clears the search before the filter.
    @Test func searchSelectsMatchesInTurnWithoutHidingRows() throws {
        fixture.add("BRICK_DISCONNECTED", ["brick": "/b2", "volume": "gv1"])
        fixture.add("PEER_ATTACH", ["host": "h1"])
        var state = DashboardState()
        func press(_ keys: [Key]) { for key in keys { _ = state.handle(key, fixture.keys(state: state)) } }
        func selected() -> UInt64? { state[pane: EventsPane.self]?.selectedSequence(rows: fixture.keys(state: state).rows, area: fixture.keys().layout!.regions[0].body) }
        press([.character("s")] + "sev:problem".map(Key.character) + [.enter])
        #expect(state.search?.description == "sev:problem" && state.filter == nil && state.overlay == nil)
        #expect(selected() == 4)  // the newest match at or above the selection (5, following)
        press([.character("N")])
        #expect(selected() == 2)
        press([.character("N")])  // none above: stays, and says so
        #expect(selected() == 2 && state.currentMessage()?.text == "no event matches the search sev:problem above (n: below)")
        press([.character("n")])
        #expect(selected() == 4)
        #expect(fixture.keys(state: state).rows.count == 5)  // hides nothing
        state.filter = FilteredEvents(filter: try EventFilter(parsing: "event:BRICK_*"))
        press([.escape])
        #expect(state.search == nil && state.filter != nil)
        press([.character("n")])
        #expect(state.currentMessage()?.text == "no search: s to search the events")
    }

    @Test func theDeleteQuestionDeletesOnlyOnY() {
        var question = DeleteConfirmation(url: "http://a/1")
        let yes = question.handle(.character("Y"), fixture.keys())
        #expect(yes.first?.closes == true && yes.last?.command == .deleteWebhook(url: "http://a/1"))
        let other = question.handle(.enter, fixture.keys())
        #expect(other.first?.closes == true && other.last?.said == "not deleted")
    }

    @Test func theDetailViewScrollsNoFurtherThanItsLastLine() {
        var view = EventDetailView(sequence: 1)
        for _ in 0..<10 { _ = view.handle(.pageDown, fixture.keys()) }
        #expect(view.scroll == 100)
        view.fit(to: fixture.frame(rows: 20))
        let limit = view.scroll
        #expect(limit > 0 && limit < 100)
        view.fit(to: fixture.frame(rows: 40))  // everything fits: no scrolling
        #expect(view.scroll == 0)
        #expect(view.handle(.character("?"), fixture.keys()).first?.opened is HelpOverlay)
    }

    @Test func theHelpClosesOnAnyKeyButQ() {
        var help = HelpOverlay()
        #expect(help.handle(.down, fixture.keys()).first?.closes == true)
        #expect(help.handle(.character("q"), fixture.keys()).first?.command == .quit)
    }
}
