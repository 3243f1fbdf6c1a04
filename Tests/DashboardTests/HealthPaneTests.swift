import ClusterHealth
@testable import Dashboard
import GlusterEvents
import Testing

/// The health pane drawn on a terminal in memory, its keys, and where it goes.
@Suite struct HealthPaneTests {
    let fixture: DashboardFixture = {
        var fixture = DashboardFixture()
        fixture.health = HealthFixture.degraded
        return fixture
    }()

    private var problems: [HealthReport.Problem] { fixture.health.problems }

    /// The key context of the health pane's body, as `DashboardState` passes it.
    private func context() -> KeyContext {
        var context = fixture.keys()
        context.area = context.layout!.region(of: HealthPane.self)!.body
        return context
    }

    @Test func problemsAreListedWorstFirstWithTheirSeverityInColour() {
        let surface = fixture.draw(HealthPane())
        #expect(surface.line(0).hasPrefix("▶ HEALTH  CRITICAL  2 problems") && surface.line(0).hasSuffix("worst first"))
        #expect(surface.line(1) == " SEVERITY PROBLEM                                      VOLUME     SINCE FLAPS       NOTES")
        #expect(surface.line(2) == " critical split-brain: gv0-replicate-0 /dir/a file.txt gv0        2h")
        #expect(surface.line(3) == " warning  brick down: vm:/bricks/gv0/b1                gv0        4m")
        #expect(surface.style(row: 2, column: 1) == .problem && surface.attributes(row: 2, column: 1) == [.bold, .reverse])
        #expect(surface.style(row: 3, column: 1) == .warning && surface.attributes(row: 3, column: 1) == .bold)
        #expect(surface.style(row: 3, column: 12) == .plain)
        #expect(!fixture.draw(HealthPane(), focused: false).attributes(row: 2, column: 1).contains(.reverse))
    }

    /// 80 columns, a brick on `gluster-node-07.example.com` with a 60-character path: the host
    /// stays whole, the path loses its middle.
    @Test func aNarrowPaneKeepsTheBricksHost() {
        var narrow = DashboardFixture()
        narrow.health = HealthFixture.report([
            HealthFixture.event(
                "BRICK_DISCONNECTED",
                "peer=gluster-node-07.example.com;volume=gv0;brick=/srv/gluster/bricks/production-volume-gv0/replica-set-0/brick1")
        ])
        let surface = narrow.draw(HealthPane(), rows: 24, columns: 80)
        let row = surface.line(2)
        #expect(row.contains("brick down: gluster-node-07.example.com:…") && row.contains("brick1"), "\(row)")
    }

    @Test func notesSayMutedFlappingWorseAndFoundByTheCLI() {
        var fixture = fixture
        fixture.health.problems[1].mutedUntil = HealthFixture.now + 3600
        fixture.health.problems[1].flaps = 5
        fixture.health.problems[1].flapping = true
        fixture.health.problems[1].isOpen = false
        fixture.health.problems[0].gettingWorse = true
        fixture.health.problems[0].openedInTrendWindow = 3
        fixture.health.problems[0].reconciled = true
        let surface = fixture.draw(HealthPane(), columns: 140)
        #expect(surface.line(0).hasPrefix("▶ HEALTH  CRITICAL  2 problems, 1 muted, 1 flapping"))
        let until = DashboardFormat.until(HealthFixture.now + 3600, now: HealthFixture.now)
        #expect(surface.line(2).hasSuffix("gv0        2h                worse (3 this hour) · found by gluster CLI"))
        #expect(surface.line(3).hasSuffix("gv0        4m    5 flapping  muted until \(until) · up now"))
        #expect(surface.style(row: 3, column: 1) == .muted && surface.style(row: 3, column: 12) == .muted)
    }

    @Test func withNothingWrongThePaneIsItsTitle() throws {
        let empty = DashboardFixture()
        let layout = try #require(empty.layout())
        #expect(layout.region(of: HealthPane.self)?.height == 1)
        #expect(empty.screen(DashboardState()).line(3) == "  HEALTH  OK  no open problem")
    }

    @Test func thePaneGrowsWithItsProblemsUpToAThirdOfTheRoomLeft() throws {
        let two = try #require(fixture.layout())
        #expect(two.region(of: HealthPane.self) == Region(top: 3, left: 0, height: 4, width: 120))
        #expect(two.region(of: EventsPane.self)?.top == 7)
        let many = try #require(DashboardLayout(rows: 40, columns: 120, webhookCount: 2, problemCount: 50))
        #expect(many.region(of: HealthPane.self)?.height == 9)
        let small = try #require(DashboardLayout(rows: 18, columns: 60, webhookCount: 2, problemCount: 50))
        #expect(small.region(of: HealthPane.self)?.height == 3)
        #expect(small.region(of: EventsPane.self)?.height == 3)  // its title, the column names, an event
    }

    @Test func theSelectionMovesAndFollowsItsProblem() {
        var pane = HealthPane()
        let context = context()
        _ = pane.handle(.down, context)
        #expect(pane.selected == problems[1].id)
        _ = pane.handle(.down, context)  // the last stays selected
        #expect(pane.selection(in: problems) == 1)
        // A problem opens above it: the selection stays on the brick.
        let more = [problems[0], problems[0], problems[1]]
        #expect(pane.selection(in: more) == 2)
        // Its problem closes: the one in its place is selected.
        #expect(pane.selection(in: [problems[0]]) == 0)
        _ = pane.handle(.home, context)
        #expect(pane.selected == problems[0].id)
        _ = pane.handle(.click(row: 2, column: 4), context)  // the second problem's row
        #expect(pane.selected == problems[1].id)
    }

    @Test func mAsksHowLongThenMutes() throws {
        var pane = HealthPane()
        var prompt = try #require(pane.handle(.character("m"), context()).first?.opened as? MutePrompt)
        #expect(prompt.problem == problems[0].id && prompt.editor.string == "1h")
        #expect(prompt.handle(.enter, context()).compactMap(\.command) == [.decide(.mute(problems[0].id, seconds: 3600))])
        for key in [Key.control("u"), .character("3"), .character("0"), .character("m")] { _ = prompt.handle(key, context()) }
        #expect(prompt.handle(.enter, context()).compactMap(\.command) == [.decide(.mute(problems[0].id, seconds: 1800))])
        _ = prompt.handle(.control("u"), context())
        _ = prompt.handle(.character("x"), context())
        let refused = prompt.handle(.enter, context())
        #expect(refused.first?.said == "x?: say 30m, 2h, 1d or 1h30m" && !refused.contains { $0.closes })
        let escaped = prompt.handle(.escape, context())
        #expect(escaped.first?.closes == true && escaped.compactMap(\.command).isEmpty)
    }

    @Test func uUnmutesOnlyAMutedProblem() {
        var fixture = fixture
        var pane = HealthPane()
        #expect(pane.handle(.character("u"), context()).first?.said == "\(problems[0].id) is not muted")
        fixture.health.problems[0].mutedUntil = HealthFixture.now + 60
        var context = fixture.keys()
        context.area = context.layout!.region(of: HealthPane.self)!.body
        #expect(pane.handle(.character("u"), context).first?.command == .decide(.unmute(problems[0].id)))
    }

    @Test func aAsksBeforeAcknowledging() throws {
        var pane = HealthPane()
        var question = try #require(pane.handle(.character("a"), context()).first?.opened as? AcknowledgeQuestion)
        #expect(question.words == "split-brain: gv0-replicate-0 /dir/a file.txt")
        #expect(question.handle(.character("n"), context()).compactMap(\.said) == ["not acknowledged"])
        #expect(question.handle(.character("y"), context()).compactMap(\.command) == [.decide(.acknowledge(problems[0].id))])
        var state = DashboardState()
        state.overlay = question
        let screen = fixture.screen(state)
        #expect(screen.line(39).hasPrefix(" Acknowledge split-brain: gv0-replicate-0 /dir/a file.txt? It closes the problem"))
    }

    @Test func keysWithoutAProblemSaySo() {
        var pane = HealthPane()
        let none = DashboardFixture().keys()
        for key in [Key.character("m"), .character("u"), .character("a"), .enter] {
            #expect(pane.handle(key, none).first?.said == "no open problem")
        }
    }

    @Test func enterShowsTheEntitysEventsAndEscClearsThem() throws {
        var state = DashboardState()
        state.focus(on: HealthPane.self)
        _ = state.handle(.down, fixture.keys())
        _ = state.handle(.enter, fixture.keys())
        let filter = try #require(state.filter)
        #expect(filter.filter.description == "vm /bricks/gv0/b1")
        #expect(state.focusedPane is EventsPane)
        var filtered = filter
        _ = filtered.update(from: fixture.events)
        #expect(filtered.matchCount == 0)  // the fixture's brick is /b1 on no peer
        fixture.add("BRICK_DISCONNECTED", ["peer": "vm", "volume": "gv0", "brick": "/bricks/gv0/b1"])
        fixture.add("BRICK_DISCONNECTED", ["peer": "vm2", "volume": "gv0", "brick": "/bricks/gv0/b2"])
        _ = filtered.update(from: fixture.events)
        #expect(filtered.matchCount == 1)
        state.filter = filtered
        #expect(fixture.screen(state).text.contains("filter: vm /bricks/gv0/b1  (Esc clears)"))
        _ = state.handle(.escape, fixture.keys())
        #expect(state.filter == nil)
    }

    @Test func theEventsFilterNamesWhatIdentifiesTheEntity() throws {
        #expect(EventFilter(eventsOf: problems[0])?.description == #"gv0-replicate-0 "/dir/a file.txt""#)
        let daemon = try #require(
            HealthFixture.report([HealthFixture.event("SVC_DISCONNECTED", "svc_name=glustershd")]).problems.first)
        #expect(EventFilter(eventsOf: daemon)?.description == "glustershd node:4c10a802")
        let odd = try #require(
            HealthFixture.report([HealthFixture.event("PEER_DISCONNECT", #"peer=-x "y"=z"#)]).problems.first)
        #expect(EventFilter(eventsOf: odd)?.description == #""-x " "y" "=z""#)
    }

    @Test func theMutePromptAndTheHintsTakeTheKeyBar() {
        var state = DashboardState()
        state.focus(on: HealthPane.self)
        #expect(KeyBar.hints(state) == " q quit  ? help  Tab pane  Enter its events  m mute  u unmute  a acknowledge  H history  ↑↓ select")
        state.overlay = MutePrompt(problems[1].id)
        let screen = fixture.screen(state)
        #expect(screen.line(39) == " mute brick-down/vm:/bricks/gv0/b1 for: 1h      30m 2h 1d · Enter mute · Esc cancel")
        #expect(screen.cursor?.row == 39)
    }
}
