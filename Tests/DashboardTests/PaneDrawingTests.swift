@testable import Dashboard
import EventLog
import GlusterEvents
import EventsEngine
import Testing
import WebhookDelivery

/// Each pane and overlay drawn into a terminal in memory, read back as text.
@Suite struct PaneDrawingTests {
    let fixture = DashboardFixture()

    @Test func theEventsPaneListsEventsUnderColumnNamesTheNewestSelected() {
        let surface = fixture.draw(EventsPane())
        #expect(surface.line(0).hasPrefix("▶ EVENTS  following") && surface.line(0).hasSuffix("3 held"))
        #expect(surface.line(1) == EventRow.header())
        #expect(surface.line(2).contains("VOLUME_CREATE") && surface.line(2).contains("4c10a802  name=gv0"))
        let brick = surface.line(3)
        #expect(brick.contains("BRICK_DISCONNECTED") && brick.contains("brick=/b1 volume=gv0"))
        #expect(surface.style(row: 3, column: 12) == .problem)  // a problem event in red
        #expect(surface.attributes(row: 4, column: 0) == .reverse)  // following: the newest is selected
        #expect(!fixture.draw(EventsPane(), focused: false).attributes(row: 4, column: 0).contains(.reverse))
    }

    /// The search's matches are bold and underlined, the selection stays in reverse.
    @Test func theSearchsMatchesAreUnderlined() throws {
        let search = try EventFilter(parsing: "volume:gv0 event:VOLUME_*")
        let surface = fixture.draw(EventsPane(), search: search)
        #expect(surface.attributes(row: 2, column: 0) == [.bold, .underline])  // VOLUME_CREATE name=gv0
        #expect(surface.attributes(row: 3, column: 0) == [])  // BRICK_DISCONNECTED
        #expect(surface.attributes(row: 4, column: 0) == [.reverse, .bold, .underline])  // selected and a match
        #expect(surface.line(0).contains("search: volume:gv0 event:VOLUME_*  (n N)"))
    }

    @Test func theEventsPaneTitleSaysPausedAndTheFilterWithItsCount() throws {
        var pane = EventsPane()
        pane.viewport.pause(selected: 2, top: 1, rows: .all(nil))
        var filtered = FilteredEvents(filter: try EventFilter(parsing: "event:VOLUME_*"))
        _ = filtered.update(from: fixture.events)
        let title = pane.title(fixture.frame(filter: filtered))
        #expect(title.text == "EVENTS  PAUSED   filter: event:VOLUME_*  (Esc clears)")
        #expect(title.right == "2 of 3 ")
        #expect(pane.keyHints().hasSuffix("events: PAUSED (End: follow)"))
    }

    /// Issue 15: paused near the newest with a filter on, only the last match showed (`2 of
    /// 55,311`, one row) and nothing said the other was above.
    @Test func aFilteredPausedViewShowsTheMatchesAboveIt() throws {
        for index in 1...40 { fixture.add("PEER_ATTACH", ["host": "h\(index)"]) }
        var pane = EventsPane()
        pane.viewport.pause(selected: 40, top: 30, rows: .all(nil))
        var filtered = FilteredEvents(filter: try EventFilter(parsing: "event:VOLUME_*"))
        _ = filtered.update(from: fixture.events)
        let surface = fixture.draw(pane, filter: filtered)
        #expect(surface.line(2).contains("VOLUME_CREATE") && surface.line(3).contains("VOLUME_START"))
        #expect(surface.attributes(row: 3, column: 0) == .reverse)  // the selection stays on the later one
        #expect(surface.line(0).hasSuffix("2 of 43"))
    }

    /// More matches than rows: the title says how many are out of view each way, and the keys
    /// reach them.
    @Test func theEventsPaneTitleSaysHowManyRowsAreOutOfView() throws {
        for index in 1...100 { fixture.add("VOLUME_SET", ["name": "gv\(index)"]) }
        var state = DashboardState()
        _ = state.handle(.character("/"), fixture.keys(state: state))
        for character in "event:VOLUME_SET" { _ = state.handle(.character(character), fixture.keys(state: state)) }
        _ = state.handle(.enter, fixture.keys(state: state))
        _ = state.filter?.update(from: fixture.events)
        #expect(state.filter?.matchCount == 100)
        // 25 rows: the newest 25 matches, 75 above.
        #expect(fixture.screen(state).line(4).hasSuffix("↑ 75 more above  100 of 103"))
        for _ in 1...30 { _ = state.handle(.up, fixture.keys(state: state)) }
        #expect(fixture.screen(state).line(4).hasSuffix("↑ 69 more above  ↓ 6 more below  100 of 103"))
        _ = state.handle(.pageUp, fixture.keys(state: state))
        _ = state.handle(.pageUp, fixture.keys(state: state))
        _ = state.handle(.pageUp, fixture.keys(state: state))
        let top = fixture.screen(state)
        #expect(top.line(4).hasSuffix("↓ 75 more below  100 of 103"))
        #expect(top.line(6).contains("name=gv1") && top.attributes(row: 6, column: 0) == .reverse)
    }

    /// Issue 15: the TIME column had no date for older events.
    @Test func eventsFromAnotherDayShowTheirDateWithTheColumnsAligned() throws {
        let fixture = DashboardFixture()
        fixture.add("PEER_ATTACH", ["host": "old"], secondsAgo: 2 * 86_400)
        let surface = fixture.draw(EventsPane())
        let old = try #require(surface.lines.first { $0.contains("host=old") })
        let today = try #require(surface.lines.first { $0.contains("VOLUME_START") })
        let date = DashboardFormat.eventTime(millis: 1_700_000_000_000 - 2 * 86_400_000, nowMillis: 1_700_000_000_000)
        let clock = DashboardFormat.clock(millis: 1_700_000_000_000)
        #expect(date.count == 15 && ["Nov 12 ", "Nov 13 "].contains(date.prefix(7)))  // local time, in any time zone
        #expect(old.hasPrefix(date + "  PEER_ATTACH"))
        #expect(today.hasPrefix(String(repeating: " ", count: 7) + clock + "  VOLUME_START"))  // clock times aligned
        #expect(surface.line(1).hasPrefix("TIME             EVENT"))
        // All from today: the column is the clock's width again.
        #expect(DashboardFixture().draw(EventsPane()).line(2).hasPrefix(clock + "  VOLUME_CREATE"))
    }

    @Test func eventTimesShowTheDayWhenNotTodayAndTheYearWhenNotThisYear() {
        let now: Int64 = 1_700_000_000_000  // 2023-11-14 22:13:20 UTC
        #expect(DashboardFormat.eventTime(millis: now - 1000, nowMillis: now) == DashboardFormat.clock(millis: now - 1000))
        let lastYear = DashboardFormat.eventTime(millis: now - 400 * 86_400_000, nowMillis: now)
        #expect(lastYear.hasPrefix("2022-10-") && lastYear.hasSuffix(DashboardFormat.clock(millis: now - 400 * 86_400_000)))
    }

    @Test func anEmptyEventsPaneSaysHowToSendOne() {
        var data = fixture.data
        data.events = RecentEvents()
        let surface = TestSurface(rows: 40, columns: 120)
        DashboardView.draw(on: surface, state: DashboardState(), data: data)
        #expect(surface.line(6) == "  waiting for events — try: eventsdash send VOLUME_CREATE name=test  (UDP 127.0.0.1:55555)")
    }

    /// Issue 15: on another port the hint's command went to 55555.
    @Test func theEmptyEventsPaneHintSendsToThePortAndAddressListenedOn() {
        var data = fixture.data
        data.events = RecentEvents()
        data.status.port = 5601
        data.status.listen = ["0.0.0.0:5601", "[::1]:5601"]
        let surface = TestSurface(rows: 40, columns: 120)
        DashboardView.draw(on: surface, state: DashboardState(), data: data)
        #expect(surface.line(6) == "  waiting for events — try: eventsdash send --port 5601 VOLUME_CREATE name=test  (UDP 0.0.0.0:5601 [::1]:5601)")
        data.status.listen = ["[::1]:5601"]  // IPv4 could not be bound: send's 127.0.0.1 would not reach it
        #expect(EventsPane.sendCommand(data.status) == "eventsdash send --port 5601 --host ::1 VOLUME_CREATE name=test")
        data.status.listen = ["10.0.0.5:5601", "127.0.0.1:5601"]
        #expect(EventsPane.sendCommand(data.status) == "eventsdash send --port 5601 VOLUME_CREATE name=test")
    }

    @Test func theWebhooksPaneColoursEachRowByHealthAndNeverShowsSecrets() {
        let surface = fixture.draw(WebhooksPane())
        #expect(surface.line(0).hasPrefix("▶ WEBHOOKS") && surface.line(0).hasSuffix("2"))
        #expect(surface.line(1).hasPrefix(" URL") && surface.line(1).contains("STATE"))
        #expect(surface.line(2).contains("http://a/1") && surface.line(2).contains("failing") && surface.line(2).contains("HTTP 503"))
        #expect(surface.style(row: 2, column: 1) == .problem)
        #expect(surface.line(3).contains("http://b/2") && surface.line(3).contains("healthy") && surface.line(3).contains("1,234"))
        #expect(surface.style(row: 3, column: 1) == .recovery)
        #expect(surface.attributes(row: 2, column: 1) == .reverse)  // the selection, while focused
        #expect(!surface.text.contains("TOKEN-VALUE") && !surface.text.contains("SECRET-VALUE"))
    }

    /// Issue 15: QUEUE showed `154,59` for a backlog of 154,831.
    @Test func theWebhooksPaneShowsLargeFiguresWhole() {
        var fixture = DashboardFixture()
        fixture.status.webhooks["http://a/1"]?.backlog = 154_831
        fixture.status.webhooks["http://b/2"]?.delivered = 12_345_678
        let surface = fixture.draw(WebhooksPane(), focused: false, columns: 200)
        #expect(surface.line(2).contains(" 154,831 ") && surface.line(3).contains(" 12.3M "))
        let header = surface.line(1)
        #expect(header.contains("QUEUE   BEHIND"))  // widened by one for the seven characters
    }

    @Test func theConfigPaneShowsTheSettingsAndWhereTheFilesAre() {
        let surface = fixture.draw(ConfigPane(), focused: false)
        #expect(surface.line(0) == "  CONFIG")
        #expect(surface.line(1) == " port       55555")
        #expect(surface.line(2) == " log-level  INFO")
        #expect(surface.line(3) == " events log on  /w/events.log")
        #expect(surface.line(4) == " webhooks   /w/webhooks.json")
        #expect(surface.line(7) == " event log  0 B in 0 files")
    }

    @Test func aConfigValueIsEditedInItsRowWithTheCursorInIt() {
        var pane = ConfigPane()
        pane.editor = ConfigEditor(.port, text: "5555")
        let surface = fixture.draw(pane)
        #expect(surface.line(1) == " port       5555")
        #expect(surface.attributes(row: 1, column: 13) == .underline)
        #expect(surface.cursor?.row == 1 && surface.cursor?.column == 16)
    }

    @Test func theWholeFrameHasHeaderPanesRuleAndKeyBar() throws {
        var state = DashboardState()
        state.focus(on: WebhooksPane.self)
        let screen = fixture.screen(state)
        let layout = try #require(DashboardLayout(rows: 40, columns: 120, webhookCount: 2))
        let webhooks = try #require(layout.region(of: WebhooksPane.self))
        #expect(screen.line(0).hasPrefix(" eventsdash  UDP 127.0.0.1:55555  node 4c10a802"))
        #expect(screen.line(1).hasPrefix(" received 0  rejected 0  kernel drops 0"))
        #expect(screen.line(2) == " OK  no volume known yet")
        #expect(screen.line(3) == "  HEALTH  OK  no open problem")
        #expect(screen.line(4).hasPrefix("  EVENTS  following"))
        #expect(screen.line(webhooks.top).hasPrefix("▶ WEBHOOKS"))
        #expect(screen.line(webhooks.top).hasSuffix("│  CONFIG"))
        for row in webhooks.top..<layout.keyBar {
            #expect(Array(screen.line(row))[webhooks.width] == "│")
        }
        #expect(screen.line(39) == " q quit  ? help  Tab pane  " + WebhooksPane().keyHints())
        #expect(screen.unescaped.isEmpty)
    }

    @Test func aTerminalTooSmallSaysSo() {
        let screen = fixture.screen(DashboardState(), rows: 10, columns: 50)
        #expect(screen.line(0) == "too small: need 60×18 (now 50×10)")
    }

    @Test func controlCharactersInEventsNeverReachTheTerminal() {
        fixture.add("VOLUME_SET", ["name": "gv0\u{1B}]0;pwned\u{07}", "options": "\u{9B}31m,x"])
        var state = DashboardState()
        let screen = fixture.screen(state)
        #expect(screen.unescaped.isEmpty)
        #expect(screen.text.contains("name=gv0\\x1b]0;pwned\\x07"))
        _ = state.handle(.enter, fixture.keys())  // the event in full
        #expect(fixture.screen(state).unescaped.isEmpty)
    }

    @Test func theHelpIsABoxOverThePanes() {
        var state = DashboardState()
        state.overlay = HelpOverlay()
        let screen = fixture.screen(state)
        let top = screen.row(containing: "eventsdash — keys")!
        #expect(screen.line(top - 1).contains("┌───"))
        #expect(screen.text.contains("│ Any key closes this help."))
        #expect(screen.line(4).hasPrefix("▶ EVENTS"))  // the panes stay behind it
    }

    @Test func theDetailViewShowsTheEventInFullInPlaceOfThePanes() {
        var fixture = DashboardFixture()
        fixture.status.logEpoch = "5c1e0a9b3d7f2468"
        var state = DashboardState()
        state.overlay = EventDetailView(sequence: 2)
        let screen = fixture.screen(state)
        #expect(screen.line(3).hasPrefix("▶ EVENT #2  BRICK_DISCONNECTED") && screen.line(3).hasSuffix("Esc back"))
        #expect(screen.line(4).contains("sequence   2   webhook-id \(DashboardFixture.nodeID)-5c1e0a9b3d7f2468-2"))
        #expect(screen.line(5).contains("event      BRICK_DISCONNECTED  (problem)"))
        #expect(screen.style(row: 5, column: 2) == .problem)
        #expect(screen.text.contains("      \"brick\": \"/b1\","))
        #expect(screen.text.contains("    http://a/1  not sent (the webhook was added after this event)"))
        #expect(!screen.text.contains("WEBHOOKS"))
        #expect(screen.line(39).hasPrefix(" Esc back  ↑↓ PgUp PgDn scroll"))
    }

    @Test func theWebhookViewShowsHealthInItsColourAndTheEventsGivenUp() {
        var fixture = DashboardFixture()
        fixture.givenUp = [.init(atMillis: 1_700_000_000_000, sequence: 2, url: "http://a/1", reason: "refused: HTTP 400")]
        var state = DashboardState()
        state.overlay = WebhookView(url: "http://a/1")
        let screen = fixture.screen(state)
        #expect(screen.line(3).hasPrefix("▶ WEBHOOK http://a/1"))
        #expect(screen.line(4) == "  auth         bearer token (not shown)")
        let stateRow = screen.row(containing: "state        failing")!
        #expect(screen.style(row: stateRow, column: 2) == .problem)
        let given = screen.row(containing: "refused: HTTP 400")!
        #expect(screen.line(given).contains("#2  BRICK_DISCONNECTED"))
        #expect(screen.attributes(row: given, column: 2) == .reverse)
    }

    /// Triage: how far behind, when the next retry is, and what the webhook answered (escaped).
    @Test func theWebhookViewSaysWhenTheNextRetryIsAndWhatTheWebhookAnswered() {
        var fixture = DashboardFixture()
        let now = 1_700_000_000.0
        fixture.status.webhooks["http://a/1"]?.behindSeconds = 185
        fixture.status.webhooks["http://a/1"]?.nextRetryAt = now + 42
        fixture.status.webhooks["http://a/1"]?.retrying = 1
        fixture.status.webhooks["http://a/1"]?.givenUp = 4
        fixture.status.webhooks["http://a/1"]?.lastResponse = "{\"error\": \"quota\"}\n\u{1B}[2Jbye"
        var state = DashboardState()
        state.overlay = WebhookView(url: "http://a/1")
        let screen = fixture.screen(state)
        #expect(screen.text.contains("backlog 0   oldest waiting 3m"))
        #expect(screen.text.contains("retrying 1   next retry in 42s (R: now)   given up 4"))
        let answered = try! #require(screen.row(containing: "answered"))
        #expect(screen.line(answered).contains(#"answered     {"error": "quota"} ⏎ \x1b[2Jbye"#))
        #expect(screen.style(row: answered, column: 2) == .warning)
    }

    /// Issue 15: fields longer than the screen is wide scroll sideways (→, ← back).
    @Test func longFieldsScrollSideways() {
        let fixture = DashboardFixture()
        let tail = (1...30).map { "k\($0)=value\($0)" }.joined(separator: " ")
        fixture.add("VOLUME_SET", ["name": "gv0", "options": tail])
        var pane = EventsPane()
        let context = fixture.keys()
        let before = fixture.draw(pane, columns: 120)
        let row = before.row(containing: "VOLUME_SET")!
        #expect(before.line(row).contains("name=gv0 options=k1=value1") && !before.line(row).contains("k30=value30"))
        for _ in 0..<15 { _ = pane.handle(.right, context) }
        let scrolled = fixture.draw(pane, columns: 120)
        #expect(scrolled.line(0).contains("fields → 300 (← back)"))
        #expect(!scrolled.line(row).contains("name=gv0") && scrolled.line(row).contains("…"))
        #expect(scrolled.line(row).contains("k30=value30"))
        for _ in 0..<16 { _ = pane.handle(.left, context) }  // no further than the start
        #expect(fixture.draw(pane, columns: 120).line(row) == before.line(row))
    }

    @Test func theWebhookFormShowsItsFieldsAndPlaceholders() {
        var state = DashboardState()
        state.overlay = WebhookForm(purpose: .add)
        let screen = fixture.screen(state)
        #expect(screen.text.contains("┌─ Add webhook ─"))
        let url = screen.row(containing: "URL              http://host:port/path")
        #expect(url != nil && screen.cursor?.row == url)
        #expect(screen.text.contains("Bearer token     (none)"))
        #expect(screen.text.contains("Signing secrets  (none; whsec_… for Standard Webhooks; several: space-separated)"))
        #expect(screen.text.contains("Give up after    (the engine's --give-up-after; or seconds)"))
        #expect(screen.line(39).hasPrefix(" Ctrl-S save  Tab/↑↓ next field"))
        // In the smallest terminal (18 rows) every field still shows, one row each.
        let small = fixture.screen(state, rows: 18, columns: 80)
        let rows = WebhookForm.Field.allCases.compactMap { field in small.row(containing: field.label) }
        #expect(rows.count == WebhookForm.Field.allCases.count && Set(rows).count == rows.count, "\(small.text)")
        #expect(small.text.contains("Ctrl-S: save  Enter: next (saves a URL alone)  Tab ↑↓: move  Esc: cancel"))
    }

    @Test func theFilterPromptAndTheDeleteQuestionTakeTheKeyBar() {
        var state = DashboardState()
        state.overlay = FilterPrompt("event:V")
        var screen = fixture.screen(state)
        #expect(screen.line(39) == " filter: event:V")
        #expect(screen.cursor?.row == 39 && screen.cursor?.column == 16)
        state.overlay = DeleteConfirmation(url: "http://a/1")
        screen = fixture.screen(state)
        #expect(screen.line(39) == " Delete webhook http://a/1?  y: delete   any other key: keep")
        #expect(screen.style(row: 39, column: 1) == .problem)
    }

    @Test func aClippedSurfaceCutsAtItsEdgesAndCountsFromItsCorner() {
        let screen = TestSurface(rows: 3, columns: 20)
        let region = screen.clipped(to: Region(top: 1, left: 5, height: 1, width: 6))
        #expect(region.size == (1, 6))
        region.write("abcdefghij", row: 0, column: 2)
        region.write("never", row: 1)  // below the region
        #expect(screen.lines == ["", "       abcd", ""])
    }

    /// Where the engine reports to, under the settings; a failing Alertmanager in yellow. The pane
    /// scrolls to keep the selected row in view when it has fewer rows than items.
    @Test func theConfigPaneShowsMetricsAndAlertmanagerAndScrollsToTheSelection() throws {
        var fixture = DashboardFixture()
        fixture.status.metrics = ["http://127.0.0.1:9714/metrics"]
        var failing = AlertmanagerStatus()
        failing.failing = true
        var ok = AlertmanagerStatus()
        ok.failing = false
        fixture.status.alertmanager = ["http://am1:9093": ok, "http://am2:9093": failing]
        var pane = ConfigPane()
        pane.selected = ConfigItem.allCases.count - 1
        let surface = fixture.draw(pane)
        let body = (1..<surface.size.rows).map { surface.line($0) }
        #expect(body.count < ConfigItem.allCases.count, "the pane is shorter than its items: it scrolls")
        let alerts = try #require(body.lastIndex { $0.contains("alerts     failing: am2:9093") }, "\(body)")
        #expect(surface.style(row: alerts + 1, column: 2) == .warning && surface.attributes(row: alerts + 1, column: 2) == .reverse)
        #expect(body.contains { $0.hasSuffix("metrics    127.0.0.1:9714") }, "\(body)")
        #expect(!body.contains { $0.contains("port ") }, "scrolled past the first row")
        pane.selected = 0
        #expect(fixture.draw(pane).line(1).contains("port"))
    }
}
