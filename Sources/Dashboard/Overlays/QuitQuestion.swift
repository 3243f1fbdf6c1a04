import GlusterEvents

/// `q` while this dashboard's own engine still has events to deliver: what becomes of them, asked
/// in the key bar. They stay in the log either way and go out when an engine next runs on this
/// workdir; `s` leaves one running (`eventsdash serve`) to deliver them now.
struct QuitQuestion: Overlay, Equatable {
    /// Events waiting, summed over the webhooks, and how many webhooks wait.
    let waiting: Int
    let webhooks: Int

    /// The question when quitting would stop delivery with events waiting; nil when quitting
    /// loses nothing (nothing waits, or the engine is another process's and runs on).
    init?(_ context: KeyContext) {
        guard !context.engineRunsOn else { return nil }
        let waiting = context.webhookHealth.values.filter { $0.backlog > 0 && $0.state != .skipped }
        guard !waiting.isEmpty else { return nil }
        self.waiting = waiting.reduce(0) { $0.addingReportingOverflow($1.backlog).partialValue }
        webhooks = waiting.count
    }

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        switch key {
        case .character("y"), .character("q"): [.close, .command(.stop(leavingServe: false))]
        case .character("s"): [.close, .command(.stop(leavingServe: true))]
        default: [.close, .say("still here")]
        }
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        let events = "\(DashboardFormat.count(waiting)) event\(waiting == 1 ? "" : "s")"
        let who = webhooks == 1 ? "1 webhook" : "\(webhooks) webhooks"
        bar.write(
            Cell.fit(
                " \(events) \(waiting == 1 ? "waits" : "wait") for \(who): kept in the log for the next run.  s: quit, leave eventsdash serve delivering"
                    + "   y: quit   any other key: stay", bar.size.columns),
            row: 0, style: .warning, [.bold, .reverse], fill: true)
        return true
    }
}
