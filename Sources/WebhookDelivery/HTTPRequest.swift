import GlusterEvents

/// One HTTP POST to a webhook.
public struct HTTPRequest: Sendable {
    public var url: String
    /// Header lines, `Name: value`.
    public var headers: [String]
    public var body: String
    public var connectTimeoutMillis: Int
    public var totalTimeoutMillis: Int
    /// A CA bundle to verify the server with instead of the system's.
    public var caFile: String?
    /// false: no TLS verification (an explicit per-webhook choice).
    public var verifyTLS: Bool

    public init(
        url: String, headers: [String], body: String, connectTimeoutMillis: Int = 5_000, totalTimeoutMillis: Int = 10_000,
        caFile: String? = nil, verifyTLS: Bool = true
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeoutMillis = connectTimeoutMillis
        self.totalTimeoutMillis = totalTimeoutMillis
        self.caFile = caFile
        self.verifyTLS = verifyTLS
    }

    // Why this request must not be sent, or nil: the last guard before the wire, whatever built
    // the request (`CurlMulti.post` asks both, the URL once per URL).

    /// A URL that is not plain `http(s)://HOST…`.
    public var urlProblem: String? { Webhook.validate(url: url) }

    /// A header holding a control character (C0, DEL, C1): a CR or LF would start a header line
    /// of its own.
    public var headersProblem: String? {
        guard let header = headers.first(where: Self.holdsControl) else { return nil }
        // The header's name only: its value may be a token.
        return "the \(header.prefix { $0 != ":" }) header holds a control character"
    }

    /// Whether `text` holds a control character: a byte at a time (headers are ASCII, request
    /// after request), through Unicode scalars only where a byte is not ASCII (C1 is U+0080…U+009F).
    private static func holdsControl(_ text: String) -> Bool {
        let verdict = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes {
                if byte < 0x20 || byte == 0x7F { return true }
                if byte >= 0x80 { return nil }
            }
            return false
        }
        switch verdict {
        case .some(.some(let holds)): return holds
        default: return text.unicodeScalars.contains(where: TerminalText.isControl)
        }
    }
}

/// What came of a request: an HTTP status, or the transport error that prevented one.
public struct HTTPOutcome: Sendable, Equatable {
    /// The response status, nil when no response arrived.
    public var status: Int?
    /// Why no response arrived (connection refused, timed out, TLS…), nil when one did.
    public var error: String?
    /// From the start of the request to the end of the response (or the failure).
    public var latencySeconds: Double
    /// The response's `Retry-After`, in seconds, when it had one.
    public var retryAfterSeconds: Double?
    /// The server's certificate could not be verified (the error says why).
    public var isCertificateProblem: Bool
    /// The start of a failing response's body (at most `ResponseExcerpt.maxBytes`), nil for a
    /// success or an empty body. From outside: escape it before showing it.
    public var responseExcerpt: String?

    public init(
        status: Int?, error: String?, latencySeconds: Double, retryAfterSeconds: Double? = nil,
        isCertificateProblem: Bool = false
    ) {
        self.status = status
        self.error = error
        self.latencySeconds = latencySeconds
        self.retryAfterSeconds = retryAfterSeconds
        self.isCertificateProblem = isCertificateProblem
    }

    /// Any 2xx is success (glustereventsd accepts only 200).
    public var isSuccess: Bool { status.map { (200..<300).contains($0) } ?? false }

    /// `HTTP 200`, or the error.
    public var summary: String { status.map { "HTTP \($0)" } ?? error ?? "no response" }
}
