import GlusterEvents

/// What `/` narrows the events pane to. Words, all of which must match:
/// - `event:VOLUME_*` — the event name, a glob, no case, `EVENT_` optional;
/// - `node:ab12` — the node id's start, its host name's, or the sender's address;
/// - `key=value` — a field, the value a glob (`volume=gv*`);
/// - anything else — text anywhere in the name or fields, no case (`"two words"` for a phrase);
/// - a leading `-` negates a word (`-event:CLIENT_*`).
struct EventFilter: Equatable, CustomStringConvertible {
    enum Term: Equatable {
        case event(EventNamePattern)
        case node(String)
        case field(key: String, value: Glob)
        case text(String)
        indirect case not(Term)
    }

    let terms: [Term]
    /// What the user typed, trimmed.
    let description: String

    struct ParseError: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    init(parsing text: String) throws(ParseError) {
        description = text.trimmingWhitespace()
        terms = try Self.words(description).map { (word) throws(ParseError) in try Self.term(word) }
    }

    func matches(_ row: EventRow) -> Bool { terms.allSatisfy { Self.matches($0, row) } }

    private static func matches(_ term: Term, _ row: EventRow) -> Bool {
        switch term {
        case .event(let pattern): return pattern.matches(row.name)
        case .node(let prefix):
            return row.nodeID.lowercased().hasPrefix(prefix) || row.source.lowercased().hasPrefix(prefix)
                || row.nodeName?.lowercased().hasPrefix(prefix) == true
        case .field(let key, let value):
            return row.fields.contains { $0.key.lowercased() == key && value.matches($0.value) }
        case .text(let needle):
            return row.name.lowercased().contains(needle)
                || row.fields.contains { "\($0.key)=\($0.value)".lowercased().contains(needle) }
        case .not(let inner): return !matches(inner, row)
        }
    }

    private static func term(_ word: (text: String, quoted: Bool)) throws(ParseError) -> Term {
        if word.quoted { return .text(word.text.lowercased()) }
        if word.text.hasPrefix("-"), word.text.count > 1 {
            return .not(try term((String(word.text.dropFirst()), false)))
        }
        let lower = word.text.lowercased()
        if lower.hasPrefix("event:") {
            let pattern = word.text.dropFirst("event:".count)
            guard !pattern.isEmpty else { throw ParseError(description: "event: needs a name or pattern, e.g. event:VOLUME_*") }
            return .event(EventNamePattern(String(pattern)))
        }
        if lower.hasPrefix("node:") {
            let node = lower.dropFirst("node:".count)
            guard !node.isEmpty else { throw ParseError(description: "node: needs a node id (its start) or address") }
            return .node(String(node))
        }
        if let equals = word.text.firstIndex(of: "=") {
            let key = word.text[..<equals].lowercased()
            guard !key.isEmpty else { throw ParseError(description: "\(word.text): a field filter is key=value, e.g. volume=gv0") }
            return .field(key: key, value: Glob(String(word.text[word.text.index(after: equals)...])))
        }
        return .text(lower)
    }

    /// Splits on spaces, keeping `"quoted phrases"` whole.
    private static func words(_ text: String) throws(ParseError) -> [(text: String, quoted: Bool)] {
        var words: [(text: String, quoted: Bool)] = []
        var current = ""
        var inQuotes = false
        for character in text {
            switch character {
            case "\"":
                if inQuotes || !current.isEmpty { words.append((current, inQuotes)) }
                current = ""
                inQuotes.toggle()
            case " " where !inQuotes:
                if !current.isEmpty { words.append((current, false)) }
                current = ""
            default:
                current.append(character)
            }
        }
        guard !inQuotes else { throw ParseError(description: "a quote is not closed") }
        if !current.isEmpty { words.append((current, false)) }
        return words.filter { !$0.text.isEmpty }
    }
}
