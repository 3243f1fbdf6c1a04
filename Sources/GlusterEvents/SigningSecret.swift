import Crypto
import struct Foundation.Data

/// A Standard Webhooks signing secret (https://www.standardwebhooks.com): `whsec_` and the base64
/// of 24 to 64 random bytes, as Svix and the libraries around it make them. A webhook may have
/// several during a rotation: each signs every request, and the receiver accepts any one.
public struct SigningSecret: Sendable, Equatable {
    /// As given (and kept in `webhooks.json`).
    public let text: String
    /// The HMAC key: the decoded base64.
    let key: Data

    public static let prefix = "whsec_"

    /// `whsec_…`, or the bare base64; nil (with `problem(of:)` saying why) otherwise.
    public init?(_ text: String) {
        var encoded = text.hasPrefix(Self.prefix) ? String(text.dropFirst(Self.prefix.count)) : text
        encoded += String(repeating: "=", count: (4 - encoded.utf8.count % 4) % 4)  // unpadded, as some tools make it
        guard let key = Data(base64Encoded: encoded), (24...64).contains(key.count) else { return nil }
        self.text = text
        self.key = key
    }

    /// Why `text` is not a signing secret, or nil when it is one.
    public static func problem(of text: String) -> String? {
        SigningSecret(text) == nil ? "a signing secret is whsec_ and the base64 of 24 to 64 random bytes" : nil
    }

    /// A new secret of 32 random bytes.
    public static func generate() -> SigningSecret {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return SigningSecret(prefix + bytes.base64EncodedString())!
    }

    /// The `webhook-signature` header's value for a request: `v1,<base64 HMAC-SHA256 of
    /// "id.timestamp.body">` for each secret, space-separated.
    public static func signature(id: String, timestamp: Int64, body: String, secrets: [SigningSecret]) -> String {
        let signed = Data((id + "." + String(timestamp) + "." + body).utf8)
        return secrets.map { secret in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: secret.key))).base64EncodedString()
        }.joined(separator: " ")
    }
}

extension Webhook {
    /// The entry key of its Standard Webhooks signing secrets (gluster's tools ignore it).
    public static let signingSecretsKey = "signing_secrets"

    /// Its Standard Webhooks signing secrets, as kept in its entry (`signing_secrets`); setting
    /// none removes the key.
    public var signingSecrets: [String] {
        get { extraSettings.first { $0.key == Self.signingSecretsKey }?.value.arrayValues?.compactMap(\.stringValue) ?? [] }
        set {
            extraSettings.removeAll { $0.key == Self.signingSecretsKey }
            if !newValue.isEmpty { extraSettings.append((Self.signingSecretsKey, .array(newValue.map(JSONValue.string)))) }
        }
    }

    /// How requests to it are authenticated, in a few words that never hold a token or secret:
    /// `jwt`, `token`, `signed` (Standard Webhooks), `jwt+signed`, `none`.
    public var authKind: String {
        let header =
            switch authorization {
            case .none: ""
            case .bearer: "token"
            case .jwt: "jwt"
            }
        let parts = [header, signingSecrets.isEmpty ? "" : "signed"].filter { !$0.isEmpty }
        return parts.isEmpty ? "none" : parts.joined(separator: "+")
    }
}
