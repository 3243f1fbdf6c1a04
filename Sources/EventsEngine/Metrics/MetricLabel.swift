import Crypto
import Foundation
import GlusterEvents

/// Label values for `/metrics`. They come from outside (volume names, node ids, webhook URLs):
/// the exposition library escapes them; here they are bounded, and webhook URLs lose what may be
/// a secret before they are shown to whoever can scrape.
enum MetricLabel {
    /// The longest label value, in UTF-8 bytes (longer ones are cut on a character boundary).
    static let maxBytes = 256

    static func bounded(_ value: String) -> String {
        value.utf8.count > maxBytes ? value.prefix(utf8Bytes: maxBytes - "…".utf8.count) + "…" : value
    }

    /// A webhook's URL as a label: without credentials, query or fragment, and with any path segment
    /// of 20 or more characters (a token, as in Slack's and Discord's webhook URLs) cut to its first
    /// four. When something was left out, a short hash of the whole URL keeps two webhooks apart:
    /// `https://hooks.slack.com/services/T0/B0/abcd… #3fa1c2`.
    static func webhook(_ url: String) -> String {
        guard var parts = URLComponents(string: url), let host = parts.host else {
            return bounded("(unparsable URL) #" + shortHash(url))
        }
        var hidden = parts.user != nil || parts.password != nil || parts.query != nil || parts.fragment != nil
        let segments = parts.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.count >= 20 else { return String(segment) }
            hidden = true
            return segment.prefix(4) + "…"
        }
        guard hidden else { return bounded(url) }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        let origin = "\(parts.scheme ?? "http")://\(host)\(parts.port.map { ":\($0)" } ?? "")"
        return bounded(origin + segments.joined(separator: "/")) + " #" + shortHash(url)
    }

    /// Six hex digits of the SHA-256 of `text`: enough to tell a few webhooks apart, far too few to
    /// recover anything from.
    private static func shortHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(3).map { String(format: "%02x", $0) }.joined()
    }
}
