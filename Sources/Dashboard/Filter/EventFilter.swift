import EventLog
import Foundation
import GlusterEvents

/// What `/` narrows the events pane to, and what `s` searches for. Words, all of which must match
/// (`EventFilter+Parsing` reads them):
/// - `event:VOLUME_*` — the event name, a glob, no case, `EVENT_` optional;
/// - `node:ab12` — the node id's start, its host name's, or the sender's address;
/// - `key=value` — a field, the value a glob (`volume=gv*`);
/// - `sev:problem` — the event's severity (its colour): problem, warning, info, recovery;
/// - `since:10m`, `until:"yesterday 18:00"` — when it was received (the TIME column), any form of
///   `TimeExpression`, read when the filter is applied; quotes keep a time with a space whole;
/// - `volume:gv0`, `brick:/b1` (or `brick:host:/b1`), `peer:host` (or `host:`) — every field that
///   names it (`EntityFieldNames`): `volume:gv0` is `name=gv0` on VOLUME_* events and `volume=gv0`,
///   `volume_name=gv0`, `subvol=gv0-replicate-0`… elsewhere; globs too;
/// - anything else — text anywhere in the name or fields, no case (`"two words"` for a phrase);
/// - a comma makes a list of alternatives: `event:BRICK_*,QUORUM_LOST`, `volume=gv0,gv1`;
/// - a leading `-` negates a word (`-event:CLIENT_*`).
struct EventFilter: Equatable, Sendable, CustomStringConvertible {
    enum Term: Equatable, Sendable {
        case event([EventNamePattern])
        case node([String])
        case field(key: String, values: [Glob])
        case severity(Set<EventSeverity>)
        /// Received at or after this Unix second.
        case since(Int64)
        /// Received at or before this Unix second.
        case until(Int64)
        case entity(EntityFieldNames.Kind, [Glob])
        case text(String)
        indirect case not(Term)

        /// Whether the term reads only the event's name and time, not its body: such terms are
        /// tested first, and an event they reject is never decoded.
        var needsOnlyNameAndTime: Bool {
            switch self {
            case .event, .severity, .since, .until: true
            case .node, .field, .entity, .text: false
            case .not(let inner): inner.needsOnlyNameAndTime
            }
        }
    }

    let terms: [Term]
    /// What the user typed, trimmed.
    let description: String
    private let nameAndTimeTerms: [Term]
    private let bodyTerms: [Term]
    /// The body terms that say what text a body must hold (`RequiredText`).
    private let requiredTexts: [(term: Term, text: RequiredText)]

    init(terms: [(term: Term, required: RequiredText?)], description: String) {
        self.terms = terms.map(\.term)
        self.description = description
        nameAndTimeTerms = self.terms.filter(\.needsOnlyNameAndTime)
        bodyTerms = self.terms.filter { !$0.needsOnlyNameAndTime }
        requiredTexts = terms.compactMap { term in term.required.map { (term.term, $0) } }
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.terms == rhs.terms && lhs.description == rhs.description }

    func matches(_ row: EventRow) -> Bool { terms.allSatisfy { Self.matches($0, row) } }

    /// Whether a held event matches, decoding its body only when a word needs it and those that
    /// need only its name and time let it through (a filter over a full ring stays fast).
    func matches(_ entry: RecentEvents.Entry, nodeNames: [String: String]) -> Bool {
        let (name, millis) = (entry.event.name, entry.event.receivedAtMillis)
        guard matchesNameAndTime(name: name, receivedAtMillis: millis) else { return false }
        guard readsBody else { return true }
        var body = entry.event.body
        guard body.withUTF8({ mayMatch(name: name, body: $0) }) else { return false }
        let row = EventRow(entry, nodeNames: nodeNames)
        return bodyTerms.allSatisfy { Self.matches($0, row) }
    }

    /// Whether the words that read only an event's name and time take this name and time.
    func matchesNameAndTime(name: String, receivedAtMillis millis: Int64) -> Bool {
        nameAndTimeTerms.allSatisfy { Self.matches($0, name: name, receivedAtMillis: millis) }
    }

    /// Whether a word reads when an event was received (`since:`, `until:`): then what the words
    /// that read the name and time say of one event does not hold for every event of its name.
    var readsTime: Bool {
        func readsTime(_ term: Term) -> Bool {
            switch term {
            case .since, .until: true
            case .not(let inner): readsTime(inner)
            default: false
            }
        }
        return nameAndTimeTerms.contains(where: readsTime)
    }

    /// Whether a word needs the event's body decoded.
    var readsBody: Bool { !bodyTerms.isEmpty }

    /// Whether an event's raw body may hold what the body words need (`RequiredText`): false rules
    /// the event out without decoding it.
    func mayMatch(name: String, body: UnsafeBufferPointer<UInt8>) -> Bool {
        for (term, text) in requiredTexts where !text.mayHold(bytes: body) {
            // Text matches the name too, which is not in that part of the body.
            guard case .text(let needle) = term, name.lowercased().contains(needle) else { return false }
        }
        return true
    }

    private static func matches(_ term: Term, name: String, receivedAtMillis millis: Int64) -> Bool {
        switch term {
        case .event(let patterns): return patterns.contains { $0.matches(name) }
        case .severity(let severities): return severities.contains(EventSeverity.of(name))
        case .since(let second): return Self.second(millis) >= second
        case .until(let second): return Self.second(millis) <= second
        case .not(let inner): return !matches(inner, name: name, receivedAtMillis: millis)
        case .node, .field, .entity, .text: return false  // not asked: they need the body
        }
    }

    private static func matches(_ term: Term, _ row: EventRow) -> Bool {
        switch term {
        case .event, .severity, .since, .until: return matches(term, name: row.name, receivedAtMillis: row.receivedAtMillis)
        case .node(let prefixes):
            let names = [row.nodeID.lowercased(), row.source.lowercased(), row.nodeName?.lowercased()]
            return prefixes.contains { prefix in names.contains { $0?.hasPrefix(prefix) == true } }
        case .field(let key, let values):
            return row.fields.contains { field in field.key.lowercased() == key && values.contains { $0.matches(field.value) } }
        case .entity(let kind, let patterns):
            let names = EntityFieldNames.names(kind, event: row.name, fields: row.fields)
            return patterns.contains { pattern in names.contains { matches(pattern, kind, $0) } }
        case .text(let needle):
            return row.name.lowercased().contains(needle)
                || row.fields.contains { "\($0.key)=\($0.value)".lowercased().contains(needle) }
        case .not(let inner): return !matches(inner, row)
        }
    }

    /// A brick is matched whole (`vm:/b1`) or by its path alone (`/b1`).
    private static func matches(_ pattern: Glob, _ kind: EntityFieldNames.Kind, _ name: String) -> Bool {
        if pattern.matches(name) { return true }
        guard kind == .brick, let colon = name.firstIndex(of: ":") else { return false }
        return pattern.matches(String(name[name.index(after: colon)...]))
    }

    /// The Unix second of a time in milliseconds (rounded down, before 1970 too).
    private static func second(_ millis: Int64) -> Int64 { millis >= 0 ? millis / 1000 : (millis - 999) / 1000 }
}
