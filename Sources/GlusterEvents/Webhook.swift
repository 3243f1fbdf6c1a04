/// A registered webhook, as `webhooks.json` holds it: `{"URL": {"token": "...", "secret": "..."}}`.
///
/// Both keys are always written (empty when unset): glustereventsd's delivery dies on a missing one.
/// A bare string value is an old-style token. Other keys of an entry are eventsdash's per-webhook
/// settings (delivery's, and Standard Webhooks signing secrets: `SigningSecret`); they are kept as
/// they are when eventsdash rewrites the file.
public struct Webhook: Sendable, Equatable {
    public var url: String
    public var token: String
    public var secret: String
    /// Keys of the entry other than `token` and `secret`, kept verbatim.
    public var extraSettings: [(key: String, value: JSONValue)]

    public init(url: String, token: String = "", secret: String = "", extraSettings: [(key: String, value: JSONValue)] = []) {
        self.url = url
        self.token = token
        self.secret = secret
        self.extraSettings = extraSettings
    }

    public static func == (a: Webhook, b: Webhook) -> Bool {
        a.url == b.url && a.token == b.token && a.secret == b.secret
            && JSONValue.object(a.extraSettings) == JSONValue.object(b.extraSettings)
    }

    /// How requests to this webhook are authorised.
    public enum Authorization: Equatable, Sendable {
        case none
        case bearer(String)
        case jwt(secret: String)
    }

    /// A secret wins over a token, as in glustereventsd.
    public var authorization: Authorization {
        if !secret.isEmpty { return .jwt(secret: secret) }
        if !token.isEmpty { return .bearer(token) }
        return .none
    }

    /// The value of the `Authorization` header for one event, if any.
    public func authorizationHeader(eventName: String, eventTimestamp: Int64, now: Int64) -> String? {
        switch authorization {
        case .none: nil
        case .bearer(let token): "Bearer \(token)"
        case .jwt(let secret):
            "Bearer " + JWT.token(secret: secret, eventName: eventName, eventTimestamp: eventTimestamp, now: now)
        }
    }

    /// The entry as written to `webhooks.json`.
    var entry: JSONValue {
        .object([("token", .string(token)), ("secret", .string(secret))] + extraSettings)
    }
}
