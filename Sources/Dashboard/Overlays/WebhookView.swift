import GlusterEvents
import WebhookDelivery

/// Enter on a webhook: the webhook in full, in place of the panes — its settings, health, and the
/// events given up on for it (newest first, `selected` highlighted), which `r` redelivers one at a
/// time.
struct WebhookView: Overlay, Equatable {
    let url: String
    var selected = 0

    var hidesPanes: Bool { true }
    var keyHints: String? {
        " Esc back  ↑↓ select  r redeliver the selected given-up event  R retry now  e edit  t test-ping  ? help  q quit"
    }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        let last = max(0, context.givenUp.count - 1)
        let page = max(1, (context.layout?.rows ?? 24) - 20)
        func select(_ index: Int) { selected = min(last, max(0, index)) }
        switch key {
        case .character("q"): return [.command(.quit)]
        case .escape, .backspace, .left, .character("h"): return [.close]
        case .up, .character("k"), .mouse(.wheelUp): select(selected - 1)
        case .down, .character("j"), .mouse(.wheelDown): select(selected + 1)
        case .pageUp: select(selected - page)
        case .pageDown: select(selected + page)
        case .home, .character("g"): select(0)
        case .end, .character("G"): select(last)
        case .character("t"): return [.command(.testPing(url: url))]
        case .character("R"): return [.command(.retryNow(url: url))]
        case .character("e"):
            guard let webhook = context.webhooks.first(where: { $0.url == url }) else { return [] }
            return [.open(WebhookForm(editing: webhook))]
        case .character("r"):
            guard selected < context.givenUp.count else {
                return [.say("nothing given up for this webhook", isError: true)]
            }
            let entry = context.givenUp[selected]
            guard entry.count == 1 else {
                return [.say("those events were deleted by log retention before they were sent", isError: true)]
            }
            return [.command(.redeliver(sequence: entry.sequence, urls: [url]))]
        case .character("?"), .function(1): return [.open(HelpOverlay())]
        default: return [.unknownKey(key)]
        }
        return []
    }

    func draw(on surface: any Surface, _ frame: Frame) {
        let area = surface.clipped(to: frame.layout.content)
        let (height, width) = area.size
        let data = frame.data
        PaneTitle(text: "WEBHOOK \(TerminalText.escaped(URLRedaction.redacted(url)))", right: "Esc back ").draw(on: area, focused: true)
        guard let webhook = data.webhooks.first(where: { $0.url == url }) else {
            area.write(Cell.fit("  no longer registered (deleted elsewhere?)", width), row: 1, style: .muted)
            return
        }
        let summary = Self.summaryLines(
            webhook, health: data.status.webhooks[url] ?? WebhookHealth(), now: data.now.timeIntervalSince1970)
        for (offset, line) in summary.enumerated() where offset < height - 1 {
            area.write(Cell.fit(TerminalText.escaped(line.text), width), row: 1 + offset, style: line.style)
        }
        let listTop = 1 + summary.count
        guard listTop + 1 < height else { return }
        let entries = data.givenUp
        area.write(Cell.fit("  GIVEN UP (newest first, from given-up.log)", width), row: listTop, style: .heading, .bold)
        guard !entries.isEmpty else {
            area.write(Cell.fit("    none", width), row: listTop + 1, style: .muted)
            return
        }
        let listHeight = height - listTop - 1
        let chosen = min(selected, entries.count - 1)
        let first = max(0, min(chosen - listHeight + 1, entries.count - listHeight))
        let shown = entries.dropFirst(first).prefix(listHeight)
        let sequenceWidth = shown.map { Self.sequences(of: $0).count }.max() ?? 0
        for (offset, entry) in shown.enumerated() {
            let index = first + offset
            // The event's name while the dashboard still holds it (the log has it in any case).
            let name = entry.count == 1 ? data.events.entries(from: entry.sequence, count: 1).first?.event.name ?? "" : ""
            let outcome = entry.redelivered.map { "  ✓ redelivered: \($0)" } ?? ""
            let text =
                "  \(DashboardFormat.timestamp(millis: entry.atMillis))  "
                + Cell.fit(Self.sequences(of: entry), sequenceWidth) + "  " + Cell.fit(name, 24) + " "
                + TerminalText.escaped(entry.reason) + outcome
            area.write(
                Cell.fit(text, width), row: listTop + 1 + offset, style: entry.redelivered == nil ? .problem : .recovery,
                index == chosen ? [.reverse] : [])
        }
    }

    private static func sequences(of entry: GivenUpLog.Entry) -> String {
        entry.count > 1 ? "#\(entry.sequence)…\(entry.sequence + entry.count - 1)" : "#\(entry.sequence)"
    }
}
