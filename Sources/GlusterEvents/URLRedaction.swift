/// A URL as eventsdash shows it anywhere (the operator log, `status`, `given-up`, the dashboard,
/// Alertmanager's endpoint): what may be a secret left out — the user and password
/// (`https://***@host/…`), each query value (`?key=***`) and the fragment (`#***`). The scheme,
/// host, port, path and query keys stay, so that a webhook can still be told from another. Any
/// text is taken (from a file, it may be no URL at all); the files keep the URL whole.
public enum URLRedaction {
    public static func redacted(_ url: String) -> String {
        var rest = Substring(url)
        var fragment = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...].isEmpty ? "#" : "#***"
            rest = rest[..<hash]
        }
        var query = ""
        if let question = rest.firstIndex(of: "?") {
            query = "?" + rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { item in
                guard let equals = item.firstIndex(of: "=") else { return item.isEmpty ? "" : "***" }
                return item[..<equals] + "=***"
            }.joined(separator: "&")
            rest = rest[..<question]
        }
        var head = String(rest)
        if let scheme = rest.firstRange(of: "://"), let at = rest[scheme.upperBound...].prefix(while: { $0 != "/" }).lastIndex(of: "@") {
            head = rest[..<scheme.upperBound] + "***" + rest[at...]
        }
        return head + query + fragment
    }
}
