import Foundation
import GlusterEvents

extension EventFilter {
    struct ParseError: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    /// The words a filter may start with, for the errors that list them.
    static let prefixes = "event: node: sev: since: until: volume: brick: peer: host:, key=value or text"

    /// Reads what the user typed; times (`since:10m`) are read against `now` in `timeZone`. An
    /// error says which word is wrong and what would be accepted.
    init(parsing text: String, now: Date = Date(), timeZone: TimeZone = .current) throws(ParseError) {
        let description = text.trimmingWhitespace()
        var terms: [(term: Term, required: RequiredText?)] = []
        var previous: Word?
        for word in try Self.words(description) {
            if let previous, let mistake = Self.unquotedTime(word, after: previous) { throw mistake }
            terms.append(try Self.term(word, now: now, timeZone: timeZone))
            previous = word
        }
        let since = terms.map(\.term).compactMap { if case .since(let second) = $0 { second } else { nil } }.max()
        let until = terms.map(\.term).compactMap { if case .until(let second) = $0 { second } else { nil } }.min()
        if let since, let until, since > until { throw ParseError(description: "since: is after until: — nothing is in between") }
        self.init(terms: terms, description: description)
    }

    /// A word as typed: runs of text, each quoted or not (`since:"yesterday 18:00"` is `since:`
    /// then the quoted `yesterday 18:00`).
    struct Word {
        var parts: [(text: String, quoted: Bool)]

        var text: String { parts.map(\.text).joined() }
    }

    /// Splits on spaces, keeping quoted text whole (quotes may start a word or follow a prefix).
    static func words(_ text: String) throws(ParseError) -> [Word] {
        var words: [Word] = []
        var parts: [(text: String, quoted: Bool)] = []
        var current = ""
        var inQuotes = false
        for character in text {
            switch character {
            case "\"":
                if inQuotes || !current.isEmpty { parts.append((current, inQuotes)) }
                current = ""
                inQuotes.toggle()
            case " " where !inQuotes, "\t" where !inQuotes:
                if !current.isEmpty { parts.append((current, false)) }
                if !parts.isEmpty { words.append(Word(parts: parts)) }
                current = ""
                parts = []
            default:
                current.append(character)
            }
        }
        guard !inQuotes else {
            throw ParseError(description: "a quote is not closed: \"two words\", since:\"yesterday 18:00\"")
        }
        if !current.isEmpty { parts.append((current, false)) }
        if !parts.isEmpty { words.append(Word(parts: parts)) }
        return words.filter { !$0.text.isEmpty }
    }

    /// A word's term, and the text an event's body must hold for it to match.
    private static func term(_ word: Word, now: Date, timeZone: TimeZone) throws(ParseError) -> (Term, RequiredText?) {
        let first = word.parts[0]
        let text = word.text.lowercased()
        if first.quoted { return (.text(text), RequiredText(anyOf: [text])) }
        if first.text.hasPrefix("-"), first.text.count > 1 || word.parts.count > 1 {
            var rest = word
            rest.parts[0].text.removeFirst()
            if rest.parts[0].text.isEmpty { rest.parts.removeFirst() }
            return (.not(try term(rest, now: now, timeZone: timeZone).0), nil)
        }
        let head = first.text
        guard let separator = head.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return (.text(text), RequiredText(anyOf: [text])) }
        var value = word
        value.parts[0].text = String(head[head.index(after: separator)...])
        if head[separator] == "=" {
            let key = String(head[..<separator]).trimmingWhitespace().lowercased()
            guard !key.isEmpty else { throw ParseError(description: "\(word.text): a field filter is key=value, e.g. volume=gv0") }
            let values = try alternatives(value, of: word)
            return (.field(key: key, values: values.map(Glob.init)), RequiredText(anyOf: values.map { key + "=" + $0 }))
        }
        let prefix = head[..<separator].lowercased()
        guard let kind = Prefix(rawValue: prefix) else {
            // `vm:/bricks/b1` and `backup::gv0` read as text; `evnt:x` is a mistake.
            let letters = !prefix.isEmpty && prefix.allSatisfy { $0.isASCII && $0.isLetter }
            guard letters, !(value.text.hasPrefix("/") || value.text.hasPrefix(":")) else { return (.text(text), RequiredText(anyOf: [text])) }
            throw ParseError(description: "\(prefix): is not a filter word: say \(prefixes) (\"a:b\" for the text a:b)")
        }
        return try kind.term(value, of: word, now: now, timeZone: timeZone)
    }

    private enum Prefix: String {
        case event, node, sev, since, until, volume, brick, peer, host

        func term(_ value: Word, of word: Word, now: Date, timeZone: TimeZone) throws(ParseError) -> (Term, RequiredText?) {
            guard !value.text.trimmingWhitespace().isEmpty else { throw ParseError(description: "\(rawValue): needs \(example)") }
            switch self {
            case .volume, .brick, .peer, .host:
                let names = try alternatives(value, of: word)
                let kind: EntityFieldNames.Kind = self == .volume ? .volume : self == .brick ? .brick : .peer
                return (.entity(kind, names.map(Glob.init)), RequiredText(anyOf: names))
            default: return (try nameOrTimeTerm(value, of: word, now: now, timeZone: timeZone), nil)
            }
        }

        private func nameOrTimeTerm(_ value: Word, of word: Word, now: Date, timeZone: TimeZone) throws(ParseError) -> Term {
            switch self {
            case .event: return .event(try alternatives(value, of: word).map(EventNamePattern.init))
            case .node: return .node(try alternatives(value, of: word).map { $0.lowercased() })
            case .sev:
                var severities: Set<EventSeverity> = []
                for name in try alternatives(value, of: word) {
                    guard let severity = EventFilter.severities[name.lowercased()] else {
                        throw ParseError(description: "sev:\(name) is not a severity: say \(example)")
                    }
                    severities.insert(severity)
                }
                return .severity(severities)
            case .since, .until:
                let time: TimeExpression
                do { time = try TimeExpression(parsing: value.text) } catch { throw ParseError(description: "\(rawValue): \(error.description)") }
                let second = time.seconds(now: now, timeZone: timeZone)
                return self == .since ? .since(second) : .until(second)
            case .volume, .brick, .peer, .host: preconditionFailure("entity words are read by term(_:of:now:timeZone:)")
            }
        }

        var example: String {
            switch self {
            case .event: "a name or pattern, e.g. event:VOLUME_* or event:BRICK_*,QUORUM_LOST"
            case .node: "a node id (its start), host name or address, e.g. node:4c10a802"
            case .sev: "problem, warning, info or recovery (several: sev:problem,warning)"
            case .since, .until: "a time: \(TimeExpression.acceptedForms) (quote one with a space: \(rawValue):\"yesterday 18:00\")"
            case .volume: "a volume name, e.g. volume:gv0 or volume:gv0,gv1"
            case .brick: "a brick's path or host:path, e.g. brick:/bricks/b1 or brick:vm1:/bricks/b1"
            case .peer, .host: "a peer's host name or address, e.g. \(rawValue):vm2"
            }
        }
    }

    static let severities: [String: EventSeverity] = [
        "problem": .problem, "warning": .warning, "info": .info, "recovery": .recovery,
    ]

    /// A value's comma-separated alternatives (a comma in quotes is the value's own).
    private static func alternatives(_ value: Word, of word: Word) throws(ParseError) -> [String] {
        var items = [""]
        for part in value.parts {
            if part.quoted {
                items[items.count - 1] += part.text
            } else {
                let pieces = part.text.split(separator: ",", omittingEmptySubsequences: false)
                items[items.count - 1] += pieces[0]
                items += pieces.dropFirst().map(String.init)
            }
        }
        if items.count > 1, items.contains(where: { $0.isEmpty }) {
            throw ParseError(description: "\(word.text): an empty item in a list: separate alternatives with single commas, e.g. event:BRICK_*,QUORUM_LOST")
        }
        return items
    }

    /// `since:yesterday 18:00` typed without quotes: the time would be searched for as text.
    private static func unquotedTime(_ word: Word, after previous: Word) -> ParseError? {
        let before = previous.text.lowercased()
        guard before.hasPrefix("since:") || before.hasPrefix("until:"), word.parts.count == 1, !word.parts[0].quoted,
            let time = try? TimeExpression(parsing: word.text), case .local(.fromToday(0), _, _, _) = time.form,
            let day = try? TimeExpression(parsing: String(before.dropFirst(6))), case .local(_, 0, 0, 0) = day.form
        else { return nil }
        let prefix = before.prefix(6)
        return ParseError(
            description: "\(previous.text) \(word.text): put a time with a space in quotes: \(prefix)\"\(before.dropFirst(6)) \(word.text)\"")
    }
}
