import Crypto
import Foundation

/// The HS256 JSON Web Token glustereventsd sends for a webhook that has a secret:
/// header `{"alg":"HS256","typ":"JWT"}`, claims `exp`, `iat` (the event's time), `iss` = `gluster`,
/// `sub` (the event name), base64url without padding.
public enum JWT {
    /// How long a token stays valid after it is made, as glustereventsd sets it.
    public static let lifetime: Int64 = 60

    public static func token(secret: String, eventName: String, eventTimestamp: Int64, now: Int64) -> String {
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let claims =
            #"{"exp":\#(now + lifetime),"iat":\#(eventTimestamp),"iss":"gluster","sub":"#
            + JSONValue.string(eventName).encoded() + "}"
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let key = SymmetricKey(data: Data(secret.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + base64URL(Data(signature))
    }

    static func base64URL(_ data: Data) -> String {
        var text = data.base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
