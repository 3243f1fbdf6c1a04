/// What a webhook must be before anything is sent to it. Entries of `webhooks.json` come from
/// outside (hand edits, a peer's copy, gluster-eventsapi), so they are checked when the file is
/// loaded as well as when a command or the dashboard adds one: a `gopher://` URL would send raw
/// bytes to a local service, and a CR in a token would reach the wire as a header of its own.
extension Webhook {
    /// Why this webhook must not be delivered to (its URL, token or secret), or nil when it is usable.
    public var problem: String? {
        Self.validate(url: url) ?? Self.validate(token: token) ?? Self.validate(secret: secret)
            ?? signingSecrets.lazy.compactMap(SigningSecret.problem(of:)).first
    }

    /// Checks that `url` is an `http` or `https` URL with a host, and holds no control character
    /// (C0, DEL, C1) or white space.
    public static func validate(url: String) -> String? {
        if let bad = url.unicodeScalars.first(where: { TerminalText.isControl($0) || $0.properties.isWhitespace }) {
            return "webhook URL must not contain \(describe(bad))"
        }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            return "webhook URL must start with http:// or https://"
        }
        let afterScheme = url[url.index(url.firstIndex(of: ":")!, offsetBy: 3)...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        let host = hostAndPort.hasPrefix("[") ? hostAndPort.prefix { $0 != "]" }.dropFirst() : hostAndPort.prefix { $0 != ":" }
        guard !host.isEmpty else { return "webhook URL has no host" }
        return nil
    }

    /// A bearer token goes into a header line: no control character (C0, DEL, C1) or white space.
    public static func validate(token: String) -> String? {
        token.unicodeScalars.first { TerminalText.isControl($0) || $0.properties.isWhitespace }.map {
            "bearer token must not contain \(describe($0))"
        }
    }

    /// A secret only keys the JWT's HMAC and is never sent, so spaces are allowed (as in
    /// gluster-eventsapi); control characters (C0, DEL, C1) are not.
    public static func validate(secret: String) -> String? {
        secret.unicodeScalars.first(where: TerminalText.isControl).map { "secret must not contain \(describe($0))" }
    }

    /// `a space`, or `control character U+000D`: never the character itself (it may be a terminal escape).
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        let code = String(scalar.value, radix: 16, uppercase: true)
        let kind = TerminalText.isControl(scalar) ? "control character" : "white space"
        return kind + " U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
    }
}
