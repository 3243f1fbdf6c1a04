import ClusterHealth
import Foundation
import GlusterEvents
import WebhookDelivery

/// Everything the user has done to the dashboard — the panes (each with its selection), which
/// has the focus, the filter, what is open over them — and where a key goes: to the overlay open,
/// to the keys every pane shares, or to the focused pane. Pure: keys in, `Command`s out for the
/// app to carry out, so the key handling is tested without a terminal.
struct DashboardState {
    /// What a key asks the app to do beyond changing this state.
    enum Command: Equatable {
        /// Asked to quit: `handle` asks first if events would wait (`QuitQuestion`).
        case quit
        /// Quit for good; with `leavingServe`, an `eventsdash serve` takes over delivery.
        case stop(leavingServe: Bool)
        case saveWebhook(WebhookForm.Submission)
        case deleteWebhook(url: String)
        case testPing(url: String)
        /// Send the webhook's waiting retries now.
        case retryNow(url: String)
        /// Send a logged event again to these webhooks.
        case redeliver(sequence: UInt64, urls: [String])
        case setConfig(ConfigItem, String)
        /// Mute, unmute or acknowledge a problem.
        case decide(HealthDecision)
        /// Put a held event's webhook JSON on the terminal's clipboard (OSC 52).
        case copyEvent(sequence: UInt64)
        /// Write a held event's webhook JSON to a file; an existing one only with `overwrite`.
        case saveEvent(sequence: UInt64, path: String, overwrite: Bool)
    }

    /// The layout's panes, in its order.
    private(set) var panes = DashboardLayout.panes.map(\.pane)
    /// The focused pane's index in `panes`.
    private(set) var focus = 0
    /// What is open over the panes; it takes every key.
    var overlay: (any Overlay)?
    var filter: FilteredEvents?
    /// What the events pane highlights; n and N select the next and previous match.
    var search: EventFilter?
    /// A transient line for the key bar, and whether it reports a failure: it goes with the next
    /// key (as a shell's or an editor's message does) or after a few seconds, whichever is first.
    private(set) var message: (text: String, isError: Bool, until: Date)?
    /// Text for the terminal's clipboard, sent once the next frame is out (`Screen.copy`).
    var clipboard: ClipboardCopy?

    var focusedPane: any Pane { panes[focus] }

    /// The pane of type `P`, to read or change.
    subscript<P: Pane>(pane type: P.Type) -> P? {
        get { DashboardLayout.index(of: type).flatMap { panes[$0] as? P } }
        set {
            guard let newValue, let index = DashboardLayout.index(of: type) else { return }
            panes[index] = newValue
        }
    }

    mutating func focus<P: Pane>(on type: P.Type) {
        if let index = DashboardLayout.index(of: type) { focus = index }
    }

    mutating func say(_ text: String, isError: Bool = false, now: Date = Date()) {
        message = (text, isError, now.addingTimeInterval(isError ? 8 : 4))
    }

    /// The message, while it is fresh.
    func currentMessage(now: Date = Date()) -> (text: String, isError: Bool)? {
        guard let message, message.until > now else { return nil }
        return (message.text, message.isError)
    }

    /// The rows the events pane shows: every held event, or the filter's matches.
    func rows(held: ClosedRange<UInt64>?) -> EventRows { filter?.rows ?? .all(held) }

    /// What `key` does; quitting asks first when events would be left waiting.
    mutating func handle(_ key: Key, _ context: KeyContext) -> Command? {
        let command = route(key, context)
        guard command == .quit else { return command }
        guard let question = QuitQuestion(context) else { return .stop(leavingServe: false) }
        overlay = question
        return nil
    }

    private mutating func route(_ key: Key, _ context: KeyContext) -> Command? {
        if key == .resize { return nil }  // the app redraws; nothing the user is doing changes
        message = nil  // the user has moved on; what this key does may say something new
        if var overlay {
            var context = context
            context.area = context.layout?.content ?? .empty
            let reactions = overlay.handle(key, context)
            self.overlay = overlay
            return apply(reactions, context)
        }
        if focusedPane.isTyping { return pass(key, to: focus, context) }
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .character("?"), .function(1): overlay = HelpOverlay()
        case .character("c"): overlay = CountsView()
        case .character("v"): overlay = ClusterView()
        case .tab: focus = (focus + 1) % panes.count
        case .backTab: focus = (focus + panes.count - 1) % panes.count
        case .character("@"):
            focus(on: EventsPane.self)
            overlay = JumpPrompt()
        case .character("/"):
            focus(on: EventsPane.self)
            overlay = FilterPrompt(filter?.filter.description ?? "")
        case .character("s"):
            focus(on: EventsPane.self)
            overlay = FilterPrompt(search?.description ?? "", purpose: .search)
        case .character("n"), .character("N"):
            guard let search else {
                say("no search: s to search the events", isError: true)
                return nil
            }
            jump(to: search, newer: key == .character("n"), context)
        case .escape:
            if search != nil {
                search = nil
                say("search cleared")
            } else if filter != nil {
                filter = nil
                say("filter cleared")
            }
        case .mouse(let action): return handle(action, context)
        default: return pass(key, to: focus, context)
        }
        return nil
    }

    /// A click focuses the pane under it; the wheel scrolls the pane under it, or the first one
    /// (the events) from anywhere else. Either reaches the pane relative to its body.
    private mutating func handle(_ mouse: MouseAction, _ context: KeyContext) -> Command? {
        guard let layout = context.layout else { return nil }
        let (row, column) = mouse.position
        let under = layout.regions.firstIndex { $0.contains(row: row, column: column) }
        let target: Int
        switch mouse {
        case .wheelUp, .wheelDown: target = under ?? 0
        case .click, .doubleClick:
            guard let under else { return nil }
            focus = under
            target = under
        }
        let context = paneContext(target, context)
        return apply(panes[target].handle(mouse.relative(to: context.area), context), context)
    }

    private mutating func pass(_ key: Key, to index: Int, _ context: KeyContext) -> Command? {
        let context = paneContext(index, context)
        return apply(panes[index].handle(key, context), context)
    }

    /// `context` as the pane at `index` sees it: its area, and the events pane's selection.
    private func paneContext(_ index: Int, _ context: KeyContext) -> KeyContext {
        func area(_ index: Int) -> Region { context.layout?.regions[index].body ?? .empty }
        var context = context
        if let events = DashboardLayout.index(of: EventsPane.self), let pane = panes[events] as? EventsPane {
            context.selectedEvent = pane.selectedSequence(rows: context.rows, area: area(events))
        }
        context.area = area(index)
        return context
    }

    private mutating func apply(_ reactions: [Reaction], _ context: KeyContext) -> Command? {
        var command: Command?
        for reaction in reactions {
            switch reaction {
            case .command(let asked): command = asked
            case .open(let opened): overlay = opened
            case .close: overlay = nil
            case .say(let text, let isError): say(text, isError: isError)
            case .jump(let sequence):
                focus(on: EventsPane.self)
                self[pane: EventsPane.self]?.viewport.pause(selected: sequence, top: sequence, rows: context.rows)
            case .filter(let chosen):
                filter = chosen.map { FilteredEvents(filter: $0) }
                focus(on: EventsPane.self)
            case .search(let chosen):
                search = chosen
                focus(on: EventsPane.self)
                if let chosen { jump(to: chosen, newer: nil, context) }
            case .unknownKey(.mouse): break
            case .unknownKey(let key): say("unknown key" + (key.name.map { " " + $0 } ?? "") + " — ? for help")
            }
        }
        return command
    }
}

extension DashboardState {
    /// Selects the next match of `search` below the selection (`newer`), above it, or (nil) the
    /// selected row or the nearest above it, else below; says so when there is none.
    private mutating func jump(to search: EventFilter, newer: Bool?, _ context: KeyContext) {
        guard var pane = self[pane: EventsPane.self], let index = DashboardLayout.index(of: EventsPane.self) else { return }
        let area = context.layout?.regions[index].body ?? .empty
        let matches = { (sequence: UInt64) in context.event(sequence).map { search.matches($0, nodeNames: context.nodeNames) } ?? false }
        let found =
            switch newer {
            case true?: pane.select(nextMatch: matches, newer: true, rows: context.rows, area: area)
            case false?: pane.select(nextMatch: matches, newer: false, rows: context.rows, area: area)
            case nil:
                pane.select(nextMatch: matches, newer: false, includingSelected: true, rows: context.rows, area: area)
                    || pane.select(nextMatch: matches, newer: true, rows: context.rows, area: area)
            }
        self[pane: EventsPane.self] = pane
        if !found {
            let place = newer.map { $0 ? " below (N: above)" : " above (n: below)" } ?? ""
            say("no event matches the search \(search.description)\(place)", isError: newer == nil)
        }
    }

    /// Keeps the webhook form open with why saving failed.
    mutating func showFormError(_ text: String) {
        guard var form = overlay as? WebhookForm else { return }
        form.error = text
        overlay = form
    }
}
