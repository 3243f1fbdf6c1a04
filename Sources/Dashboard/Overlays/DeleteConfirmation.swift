import GlusterEvents

/// `d` in the webhooks pane: the question, in the key bar. y deletes; any other key keeps.
struct DeleteConfirmation: Overlay, Equatable {
    let url: String
    /// Events waiting for the webhook: deleting it drops them (they stay in the log).
    var undelivered = 0

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        if key == .character("y") || key == .character("Y") { return [.close, .command(.deleteWebhook(url: url))] }
        return [.close, .say("not deleted")]
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        bar.write(
            Cell.fit(" Delete webhook \(TerminalText.escaped(URLRedaction.redacted(url)))?\(consequence)  y: delete   any other key: keep", bar.size.columns),
            row: 0, style: .problem, [.bold, .reverse], fill: true)
        return true
    }

    private var consequence: String {
        guard undelivered > 0 else { return "" }
        return " \(DashboardFormat.count(undelivered)) event\(undelivered == 1 ? "" : "s") waiting for it will not be sent."
    }
}
