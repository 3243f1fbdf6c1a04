import GlusterEvents

/// Who may POST events: anyone who can connect, a bearer token, or a JWT made with a shared secret
/// (what a webhook with a secret sends; see `JWT`). Checked on the request head, before any of
/// the body is read.
public enum HTTPIngestAuth: Sendable, Equatable {
    case none
    case bearer(token: String)
    case jwt(secret: String)

    /// nil when `authorization` (the header's value) is allowed in, else why not.
    func refusal(of authorization: String?, now: Int64) -> String? {
        if case .none = self { return nil }
        guard let authorization, authorization.hasPrefix("Bearer ") else { return "an Authorization: Bearer header is required" }
        let presented = String(authorization.dropFirst("Bearer ".count)).trimmingWhitespace()
        switch self {
        case .none: return nil
        case .bearer(let token):
            return Self.constantTimeEqual(Array(presented.utf8), Array(token.utf8)) ? nil : "wrong token"
        case .jwt(let secret):
            if case .failure(let refusal) = JWT.verify(presented, secret: secret, now: now) { return "JWT refused: \(refusal)" }
            return nil
        }
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
