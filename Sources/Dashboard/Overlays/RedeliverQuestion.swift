import GlusterEvents
import WebhookDelivery

/// `r` on an event some of the webhooks' filters leave out: the question, in the key bar, before
/// anything is sent. y sends to the webhooks that take the event, a to all of them; any other key
/// sends nothing.
struct RedeliverQuestion: Overlay, Equatable {
    let sequence: UInt64
    let eventName: String
    /// The webhooks asked about, and those of them whose filter takes the event.
    let asked: [String]
    let taking: [String]
    /// The event's view the question was asked from, open again once it is answered.
    var returnTo: EventDetailView?

    /// The reaction to redelivering `sequence` (named `eventName`, nil when not known) to
    /// `webhooks`: at once when every filter takes it, else this question.
    static func ask(sequence: UInt64, eventName: String?, webhooks: [Webhook], from view: EventDetailView? = nil) -> Reaction {
        let asked = webhooks.map(\.url)
        guard let eventName else { return .command(.redeliver(sequence: sequence, urls: asked)) }
        let taking = webhooks.filter { WebhookSettings($0).wants(eventName) }.map(\.url)
        guard taking.count < asked.count else { return .command(.redeliver(sequence: sequence, urls: asked)) }
        return .open(RedeliverQuestion(sequence: sequence, eventName: eventName, asked: asked, taking: taking, returnTo: view))
    }

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        let back: Reaction = returnTo.map { .open($0) } ?? .close
        switch key {
        case .character("y") where !taking.isEmpty, .enter where !taking.isEmpty:
            return [back, .command(.redeliver(sequence: sequence, urls: taking))]
        case .character("a"): return [back, .command(.redeliver(sequence: sequence, urls: asked))]
        default: return [back, .say("not redelivered")]
        }
    }

    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool {
        bar.write(Cell.fit(question, bar.size.columns), row: 0, style: .warning, [.bold, .reverse], fill: true)
        return true
    }

    private var question: String {
        let name = TerminalText.escaped(eventName)
        let leftOut = asked.filter { !taking.contains($0) }
        let who = leftOut.count == 1 ? TerminalText.escaped(leftOut[0]) : "\(leftOut.count) webhooks"
        if taking.isEmpty {
            return " #\(sequence) \(name): \(who)'s filter leaves it out.  a: send anyway   any other key: cancel"
        }
        let takers = taking.count == 1 ? "the 1 that takes it" : "the \(taking.count) that take it"
        return " #\(sequence) \(name): \(who) filter\(leftOut.count == 1 ? "s" : "") it out.  y: \(takers)   a: all \(asked.count)   any other key: cancel"
    }
}
