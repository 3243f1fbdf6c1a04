import GlusterEvents

/// Enter on an event: the event in full, in place of the panes, scrolled down `scroll` lines;
/// `r` sends it to every webhook again; `y` copies its webhook JSON to the clipboard (OSC 52), `w`
/// writes it to a file.
struct EventDetailView: Overlay, Equatable {
    let sequence: UInt64
    var scroll = 0

    var hidesPanes: Bool { true }
    var keyHints: String? { " Esc back  ↑↓ PgUp PgDn scroll  r redeliver to every webhook  y copy JSON  w write to file  ? help  q quit" }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch key {
        case .character("q"): return [.command(.quit)]
        case .character("r"):
            guard !context.webhooks.isEmpty else { return [.noWebhookYet] }
            return [
                RedeliverQuestion.ask(sequence: sequence, eventName: context.event(sequence)?.event.name, webhooks: context.webhooks, from: self)
            ]
        case .character("y"): return [.command(.copyEvent(sequence: sequence))]
        case .character("w"): return [.open(SaveEventPrompt(sequence: sequence, returnTo: self))]
        case .escape, .enter, .backspace, .left, .character("h"): return [.close]
        case .up, .character("k"): scroll = max(0, scroll - 1)
        case .down, .character("j"): scroll += 1
        case .pageUp: scroll = max(0, scroll - 10)
        case .pageDown: scroll += 10
        case .home, .character("g"): scroll = 0
        case .character("?"), .function(1): return [.open(HelpOverlay())]
        case .mouse(.wheelUp): scroll = max(0, scroll - 3)
        case .mouse(.wheelDown): scroll += 3
        default: return [.unknownKey(key)]
        }
        return []
    }

    /// Scrolls no further than the last line at the bottom.
    mutating func fit(to frame: Frame) {
        let data = frame.data
        guard let held = data.entry(sequence) else {
            scroll = 0
            return
        }
        let entry = data.wholeEvents.whole(held, logDirectory: data.files.eventLogDirectory)
        let count = Self.lines(entry: entry, ids: data.status.messageIDs, deliveries: [:], webhooks: data.webhooks, health: [:]).count
        scroll = min(scroll, max(0, count - (frame.layout.content.height - 1)))
    }

    func draw(on surface: any Surface, _ frame: Frame) {
        let area = surface.clipped(to: frame.layout.content)
        let width = area.size.columns
        let data = frame.data
        guard let held = data.entry(sequence) else {
            PaneTitle(text: "EVENT #\(sequence)").draw(on: area, focused: true)
            area.write(
                Cell.fit("  no longer in the log (deleted by retention)", width), row: 1,
                style: .muted)
            return
        }
        let entry = data.wholeEvents.whole(held, logDirectory: data.files.eventLogDirectory)
        let lines = Self.lines(
            entry: entry, ids: data.status.messageIDs, deliveries: data.deliveries(sequence, entry.event.name),
            webhooks: data.webhooks, health: data.status.webhooks)
        PaneTitle(text: "EVENT #\(sequence)  \(entry.event.name)", right: "Esc back ").draw(on: area, focused: true)
        let height = area.size.rows - 1
        let first = min(scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            area.write(Cell.fit(TerminalText.escaped(line.text), width), row: 1 + offset, style: line.style)
        }
    }
}
