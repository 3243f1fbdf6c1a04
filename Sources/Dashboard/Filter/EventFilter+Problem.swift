import ClusterHealth

extension EventFilter {
    /// The events about a problem's entity: a word for each value that identifies it (a brick's
    /// host and path, a replica set, a daemon and `node:` the node it runs on), so the filter
    /// reads as a person would type it and `/` can change it. Values are matched as text anywhere
    /// in an event's fields: gluster names the same brick `brick`, `brick_path` or `host:/path`.
    init?(eventsOf problem: HealthReport.Problem) {
        let words = problem.id.kind.identity.compactMap { name -> String? in
            guard let value = problem.entity[name], !value.isEmpty else { return nil }
            return name == "node" ? "node:" + value.prefix(8) : Self.textWord(value)
        }
        guard !words.isEmpty, let filter = try? EventFilter(parsing: words.joined(separator: " ")) else { return nil }
        self = filter
    }

    /// `value` as a word that matches it as text: bare when it reads as such, else in quotes (a
    /// quote inside parts it into phrases, all of which must match).
    private static func textWord(_ value: String) -> String {
        let lower = value.lowercased()
        let bare =
            !value.contains { $0 == " " || $0 == "=" || $0 == "\"" } && !value.hasPrefix("-") && !lower.hasPrefix("event:")
            && !lower.hasPrefix("node:")
        if bare { return value }
        return value.split(separator: "\"").filter { !$0.isEmpty }.map { "\"\($0)\"" }.joined(separator: " ")
    }
}
