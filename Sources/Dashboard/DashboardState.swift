import Foundation
import GlusterEvents
import WebhookDelivery

/// Everything the user has done to the dashboard — focus, scroll position, filter, open form or
/// view — and how keys change it. Pure: keys in, `Command`s out for the app to carry out, so the
/// key handling is tested without a terminal.
struct DashboardState {
    enum Focus: Int, CaseIterable {
        case events, webhooks, config
    }

    enum Mode: Equatable {
        case normal
        case help
        /// The event `sequence` in full, scrolled down `scroll` lines.
        case detail(sequence: UInt64, scroll: Int)
        /// One webhook in full, with its given-up events; `selected` indexes those.
        case webhookView(url: String, selected: Int)
        case filterPrompt(LineEditor)
        case webhookForm(WebhookForm)
        case confirmDelete(url: String)
        case configEdit(ConfigItem, LineEditor)
    }

    /// What a key asks the app to do beyond changing this state.
    enum Command: Equatable {
        case quit
        case saveWebhook(WebhookForm.Submission)
        case deleteWebhook(url: String)
        case testPing(url: String)
        /// Send a logged event again to these webhooks.
        case redeliver(sequence: UInt64, urls: [String])
        case setConfig(ConfigItem, String)
    }

    /// What the state needs to know of the screen and the data to handle a key.
    struct Context {
        var rows: EventRows
        /// Event rows the events pane shows.
        var eventsHeight: Int
        var webhooks: [Webhook]
        var config: EventsConfig
        var layout: DashboardLayout?
        /// The given-up events of the webhook in view, newest first (empty outside that view).
        var givenUp: [GivenUpLog.Entry] = []
    }

    var mode = Mode.normal
    var focus = Focus.events
    var viewport = EventsViewport()
    var filter: FilteredEvents?
    var selectedWebhook = 0
    var selectedConfig = 0
    /// A transient line for the key bar, and whether it reports a failure.
    private(set) var message: (text: String, isError: Bool, until: Date)?

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

    mutating func handle(_ key: Key, _ context: Context) -> Command? {
        if key == .resize { return nil }  // the app redraws; nothing the user is doing changes
        switch mode {
        case .help:
            if key == .character("q") { return .quit }
            mode = .normal
        case .detail(let sequence, let scroll):
            return handleDetail(key, sequence: sequence, scroll: scroll, context)
        case .webhookView(let url, let selected):
            return handleWebhookView(key, url: url, selected: selected, context)
        case .filterPrompt(var editor):
            handleFilterPrompt(key, editor: &editor)
        case .webhookForm(var form):
            switch form.handle(key) {
            case .editing: mode = .webhookForm(form)
            case .cancel: mode = .normal
            case .submit(let submission): return .saveWebhook(submission)
            }
        case .confirmDelete(let url):
            mode = .normal
            if key == .character("y") || key == .character("Y") { return .deleteWebhook(url: url) }
            say("not deleted")
        case .configEdit(let item, var editor):
            switch key {
            case .escape: mode = .normal
            case .enter: return .setConfig(item, editor.string)
            default:
                _ = editor.handle(key)
                mode = .configEdit(item, editor)
            }
        case .normal:
            return handleNormal(key, context)
        }
        return nil
    }

    private mutating func handleNormal(_ key: Key, _ context: Context) -> Command? {
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .character("?"), .function(1): mode = .help
        case .tab: focus = Focus(rawValue: (focus.rawValue + 1) % Focus.allCases.count)!
        case .backTab: focus = Focus(rawValue: (focus.rawValue + Focus.allCases.count - 1) % Focus.allCases.count)!
        case .character("/"):
            focus = .events
            mode = .filterPrompt(LineEditor(filter?.filter.description ?? ""))
        case .escape:
            if filter != nil {
                filter = nil
                say("filter cleared")
            }
        case .mouse(let action): return handleMouse(action, context)
        default:
            switch focus {
            case .events: handleEvents(key, context)
            case .webhooks: return handleWebhooks(key, context)
            case .config: return handleConfig(key, context)
            }
        }
        return nil
    }

    private mutating func handleEvents(_ key: Key, _ context: Context) {
        let height = context.eventsHeight
        switch key {
        case .up, .character("k"): viewport.move(by: -1, height: height, rows: context.rows)
        case .down, .character("j"): viewport.move(by: 1, height: height, rows: context.rows)
        case .pageUp, .control("b"): viewport.move(by: -height, height: height, rows: context.rows)
        case .pageDown, .control("f"): viewport.move(by: height, height: height, rows: context.rows)
        case .home, .character("g"): viewport.home(rows: context.rows)
        case .end, .character("G"): viewport.follow()
        case .character(" "): viewport.togglePause(height: height, rows: context.rows)
        case .enter:
            if let sequence = viewport.selectedSequence(height: height, rows: context.rows) {
                mode = .detail(sequence: sequence, scroll: 0)
            }
        default: break
        }
    }

    private mutating func handleWebhooks(_ key: Key, _ context: Context) -> Command? {
        let count = context.webhooks.count
        selectedWebhook = min(selectedWebhook, max(0, count - 1))
        let selected = count > 0 ? context.webhooks[selectedWebhook] : nil
        switch key {
        case .up, .character("k"): selectedWebhook = max(0, selectedWebhook - 1)
        case .down, .character("j"): selectedWebhook = min(max(0, count - 1), selectedWebhook + 1)
        case .home, .character("g"): selectedWebhook = 0
        case .end, .character("G"): selectedWebhook = max(0, count - 1)
        case .character("a"): mode = .webhookForm(WebhookForm(purpose: .add))
        case .enter:
            guard let selected else { return nothingSelected() }
            mode = .webhookView(url: selected.url, selected: 0)
        case .character("e"):
            guard let selected else { return nothingSelected() }
            mode = .webhookForm(WebhookForm(editing: selected))
        case .character("d"), .delete:
            guard let selected else { return nothingSelected() }
            mode = .confirmDelete(url: selected.url)
        case .character("t"):
            guard let selected else { return nothingSelected() }
            return .testPing(url: selected.url)
        case .character("r"):
            guard let selected else { return nothingSelected() }
            guard let sequence = viewport.selectedSequence(height: context.eventsHeight, rows: context.rows) else {
                say("no event to redeliver yet", isError: true)
                return nil
            }
            return .redeliver(sequence: sequence, urls: [selected.url])
        default: break
        }
        return nil
    }

    private mutating func nothingSelected() -> Command? {
        say("no webhook yet: press a to add one", isError: true)
        return nil
    }

    private mutating func handleConfig(_ key: Key, _ context: Context) -> Command? {
        let items = ConfigItem.allCases
        switch key {
        case .up, .character("k"): selectedConfig = max(0, selectedConfig - 1)
        case .down, .character("j"): selectedConfig = min(items.count - 1, selectedConfig + 1)
        case .home, .character("g"): selectedConfig = 0
        case .end, .character("G"): selectedConfig = items.count - 1
        case .enter, .character("e"), .character(" "):
            let item = items[selectedConfig]
            if item == .eventsLog {
                return .setConfig(item, context.config.disableEventsLog ? "on" : "off")
            } else if let text = item.editText(context.config) {
                mode = .configEdit(item, LineEditor(text))
            } else {
                say("\(item.label) is read-only here: \(item.howToChange)")
            }
        default: break
        }
        return nil
    }

    private mutating func handleMouse(_ action: MouseAction, _ context: Context) -> Command? {
        guard let layout = context.layout else { return nil }
        switch action {
        case .wheelUp(let row, let column), .wheelDown(let row, let column):
            let delta = if case .wheelUp = action { -3 } else { 3 }
            if layout.webhooks.contains(row: row, column: column) {
                selectedWebhook = min(max(0, selectedWebhook + delta.signum()), max(0, context.webhooks.count - 1))
            } else if layout.config.contains(row: row, column: column) {
                selectedConfig = min(max(0, selectedConfig + delta.signum()), ConfigItem.allCases.count - 1)
            } else {
                viewport.move(by: delta, height: context.eventsHeight, rows: context.rows)
            }
        case .click(let row, let column), .doubleClick(let row, let column):
            if layout.events.contains(row: row, column: column) {
                focus = .events
                let offset = row - layout.events.contentTop(columnNames: true)
                if offset >= 0 { viewport.select(visibleRow: offset, height: context.eventsHeight, rows: context.rows) }
                if case .doubleClick = action { handleEvents(.enter, context) }
            } else if layout.webhooks.contains(row: row, column: column) {
                focus = .webhooks
                let offset = row - layout.webhooks.contentTop(columnNames: true)
                if offset >= 0, offset < context.webhooks.count { selectedWebhook = offset }
            } else if layout.config.contains(row: row, column: column) {
                focus = .config
                let offset = row - layout.config.contentTop(columnNames: false)
                if offset >= 0, offset < ConfigItem.allCases.count { selectedConfig = offset }
            }
        }
        return nil
    }

    private mutating func handleDetail(_ key: Key, sequence: UInt64, scroll: Int, _ context: Context) -> Command? {
        switch key {
        case .character("q"): return .quit
        case .character("r"):
            guard !context.webhooks.isEmpty else { return nothingSelected() }
            return .redeliver(sequence: sequence, urls: context.webhooks.map(\.url))
        case .escape, .enter, .backspace, .left, .character("h"): mode = .normal
        case .up, .character("k"): mode = .detail(sequence: sequence, scroll: max(0, scroll - 1))
        case .down, .character("j"): mode = .detail(sequence: sequence, scroll: scroll + 1)
        case .pageUp: mode = .detail(sequence: sequence, scroll: max(0, scroll - 10))
        case .pageDown: mode = .detail(sequence: sequence, scroll: scroll + 10)
        case .home, .character("g"): mode = .detail(sequence: sequence, scroll: 0)
        case .character("?"), .function(1): mode = .help
        case .mouse(.wheelUp): mode = .detail(sequence: sequence, scroll: max(0, scroll - 3))
        case .mouse(.wheelDown): mode = .detail(sequence: sequence, scroll: scroll + 3)
        default: break
        }
        return nil
    }

    private mutating func handleWebhookView(_ key: Key, url: String, selected: Int, _ context: Context) -> Command? {
        let last = max(0, context.givenUp.count - 1)
        let page = max(1, (context.layout?.rows ?? 24) - 20)
        func select(_ index: Int) { mode = .webhookView(url: url, selected: min(last, max(0, index))) }
        switch key {
        case .character("q"): return .quit
        case .escape, .backspace, .left, .character("h"): mode = .normal
        case .up, .character("k"), .mouse(.wheelUp): select(selected - 1)
        case .down, .character("j"), .mouse(.wheelDown): select(selected + 1)
        case .pageUp: select(selected - page)
        case .pageDown: select(selected + page)
        case .home, .character("g"): select(0)
        case .end, .character("G"): select(last)
        case .character("t"): return .testPing(url: url)
        case .character("e"):
            guard let webhook = context.webhooks.first(where: { $0.url == url }) else { return nil }
            mode = .webhookForm(WebhookForm(editing: webhook))
        case .character("r"):
            guard selected < context.givenUp.count else {
                say("nothing given up for this webhook", isError: true)
                return nil
            }
            let entry = context.givenUp[selected]
            guard entry.count == 1 else {
                say("those events were deleted by log retention before they were sent", isError: true)
                return nil
            }
            return .redeliver(sequence: entry.sequence, urls: [url])
        case .character("?"), .function(1): mode = .help
        default: break
        }
        return nil
    }

    private mutating func handleFilterPrompt(_ key: Key, editor: inout LineEditor) {
        switch key {
        case .escape:
            mode = .normal
        case .enter:
            let text = editor.string.trimmingWhitespace()
            if text.isEmpty {
                filter = nil
                mode = .normal
                return
            }
            do {
                filter = FilteredEvents(filter: try EventFilter(parsing: text))
                mode = .normal
            } catch {
                say(error.description, isError: true)
                mode = .filterPrompt(editor)
            }
        default:
            _ = editor.handle(key)
            mode = .filterPrompt(editor)
        }
    }
}

extension DashboardState {
    /// Keeps the webhook form open with why saving failed.
    mutating func showFormError(_ text: String) {
        guard case .webhookForm(var form) = mode else { return }
        form.error = text
        mode = .webhookForm(form)
    }
}
