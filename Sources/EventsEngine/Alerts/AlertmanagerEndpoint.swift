import GlusterEvents

/// An Alertmanager as `--alertmanager` names it: `http://am:9093`, or under a path prefix
/// (`https://host/alertmanager/`); alerts go to `{URL}/api/v2/alerts`.
public struct AlertmanagerEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// As given, less a trailing `/`.
    public let url: String

    /// Longest URL taken (it is outside input too, and goes into every request and status line).
    static let maxURLBytes = 2048

    /// Throws `Invalid` with what to give instead.
    public init(_ text: String) throws(Invalid) {
        if text.utf8.count > Self.maxURLBytes { throw Invalid(description: "the URL is longer than \(Self.maxURLBytes) bytes") }
        if let problem = Webhook.validate(url: text) {
            throw Invalid(description: problem.replacingOccurrences(of: "webhook URL", with: "the URL"))
        }
        if let scheme = text.firstRange(of: "://"), text[scheme.upperBound...].prefix(while: { $0 != "/" }).contains("@") {
            throw Invalid(
                description: "give its user and password in a file, not on the command line (every local user can read it): "
                    + "--alertmanager-credentials FILE (user:password, 0600), or $EVENTSDASH_ALERTMANAGER_CREDENTIALS")
        }
        if text.contains("?") || text.contains("#") {
            throw Invalid(description: "give the Alertmanager's base URL (such as http://am:9093), without a query or fragment")
        }
        var url = Substring(text)
        while url.hasSuffix("/") { url = url.dropLast() }
        self.url = String(url)
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Where alerts are posted.
    public var alertsURL: String { url + "/api/v2/alerts" }

    /// The URL without its credentials (for status and the operator log, which carry no secret).
    public var description: String { URLRedaction.redacted(url) }
}
