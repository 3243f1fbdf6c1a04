import ClusterHealth
import GlusterEvents

/// `a` in the health pane: acknowledging closes the problem (a split-brain healed, a bad file
/// replaced — no event says so), so it asks first, in the key bar. y acknowledges; any other key
/// keeps it open.
struct AcknowledgeQuestion: Overlay, Equatable {
    let problem: ProblemID
    /// `split-brain: gv0-replicate-0 /dir/file`, to ask about.
    let words: String

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        if key == .character("y") || key == .character("Y") { return [.close, .command(.decide(.acknowledge(problem)))] }
        return [.close, .say("not acknowledged")]
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        let question = " Acknowledge \(words)? It closes the problem (an event opens it again).  y: acknowledge   any other key: keep"
        bar.write(Cell.fit(TerminalText.escaped(question), bar.size.columns), row: 0, style: .warning, [.bold, .reverse], fill: true)
        return true
    }
}
