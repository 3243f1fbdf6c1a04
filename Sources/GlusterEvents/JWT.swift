import Crypto
import struct Foundation.Data

/// The HS256 JSON Web Token glustereventsd sends for a webhook that has a secret:
/// header `{"alg":"HS256","typ":"JWT"}`, claims `exp`, `iat` (the event's time), `iss` = `gluster`,
/// `sub` (the event name), base64url without padding.
public enum JWT {
    /// How long a token stays valid after it is made, as glustereventsd sets it.
    public static let lifetime: Int64 = 60

    public static func token(secret: String, eventName: String, eventTimestamp: Int64, now: Int64) -> String {
        let claims =
            #"{"exp":\#(now.saturatingAdding(lifetime)),"iat":\#(eventTimestamp),"iss":"gluster","sub":"#
            + JSONValue.string(eventName).encoded() + "}"
        return signed(claims: claims, secret: secret)
    }

    /// A token carrying `claims` (a JSON object's text), signed with `secret`.
    public static func signed(claims: String, secret: String) -> String {
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let key = SymmetricKey(data: Data(secret.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + base64URL(Data(signature))
    }

    /// Checks a token made with `secret` (HS256) and not expired at `now` (give or take
    /// `leeway` seconds of clock difference); returns its claims, or why it is refused.
    public static func verify(_ token: String, secret: String, now: Int64, leeway: Int64 = 30) -> Result<JSONValue, Refusal> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = decodeBase64URL(parts[0]), let claimsData = decodeBase64URL(parts[1]),
            let signature = decodeBase64URL(parts[2])
        else { return .failure(Refusal(description: "not a JWT")) }
        guard let header = try? JSONValue.parse(headerData), header["alg"]?.stringValue == "HS256" else {
            return .failure(Refusal(description: "only HS256 tokens are accepted"))
        }
        let key = SymmetricKey(data: Data(secret.utf8))
        let signingInput = Data((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            return .failure(Refusal(description: "bad signature (another secret?)"))
        }
        guard let claims = try? JSONValue.parse(claimsData), claims.objectMembers != nil else {
            return .failure(Refusal(description: "claims are not a JSON object"))
        }
        guard let expiry = claims["exp"]?.intValue else { return .failure(Refusal(description: "no exp claim")) }
        guard now <= expiry.saturatingAdding(leeway) else { return .failure(Refusal(description: "expired")) }
        return .success(claims)
    }

    /// Why a token was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    static func base64URL(_ data: Data) -> String {
        var text = data.base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
