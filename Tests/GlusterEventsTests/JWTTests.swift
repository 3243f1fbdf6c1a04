import Foundation
import GlusterEvents
import Testing

@Suite struct JWTTests {
    /// Checks the token with Python's hmac/base64/json: signature, header and every claim.
    @Test func verifiesWithAnIndependentImplementation() throws {
        let token = JWT.token(secret: "s3cr3t/+é", eventName: "VOLUME_CREATE", eventTimestamp: 1_700_000_000, now: 1_800_000_000)
        let verdict = try Python.run(
            """
            import base64, hashlib, hmac, json, sys
            token = sys.stdin.read()
            head, body, sig = token.split(".")
            pad = lambda s: s + "=" * (-len(s) % 4)
            expected = hmac.new("s3cr3t/+é".encode(), (head + "." + body).encode(), hashlib.sha256).digest()
            assert "=" not in token, "padding"
            assert hmac.compare_digest(base64.urlsafe_b64decode(pad(sig)), expected), "signature"
            assert json.loads(base64.urlsafe_b64decode(pad(head))) == {"alg": "HS256", "typ": "JWT"}, "header"
            claims = json.loads(base64.urlsafe_b64decode(pad(body)))
            assert claims == {"iss": "gluster", "sub": "VOLUME_CREATE", "iat": 1700000000, "exp": 1800000060}, claims
            print("valid", end="")
            """, input: token)
        #expect(verdict == "valid")
    }

    /// PyJWT, when installed, is a second independent verifier.
    @Test func verifiesWithPyJWTWhenAvailable() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let token = JWT.token(secret: "k", eventName: "TEST", eventTimestamp: now, now: now)
        let verdict = try Python.run(
            """
            import sys
            try:
                import jwt
            except ImportError:
                print("absent", end=""); sys.exit()
            claims = jwt.decode(sys.stdin.read(), "k", algorithms=["HS256"], issuer="gluster")
            print("valid" if claims["sub"] == "TEST" else "wrong", end="")
            """, input: token)
        #expect(verdict == "valid" || verdict == "absent")
    }

    @Test func verifyAcceptsOurTokensAndRefusesTamperedOrExpiredOnes() throws {
        let token = JWT.token(secret: "shared", eventName: "VOLUME_STOP", eventTimestamp: 1_000, now: 2_000)
        let claims = try JWT.verify(token, secret: "shared", now: 2_030).get()
        #expect(claims["sub"]?.stringValue == "VOLUME_STOP" && claims["iss"]?.stringValue == "gluster")
        #expect(JWT.verify(token, secret: "other", now: 2_030).refusal == "bad signature (another secret?)")
        #expect(JWT.verify(token, secret: "shared", now: 2_060 + 31).refusal == "expired")
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = String(parts[1].dropLast()) + (parts[1].last == "A" ? "B" : "A")  // claims changed
        #expect(JWT.verify(parts.joined(separator: "."), secret: "shared", now: 2_030).refusal != nil)
        // An unsigned token ("alg": "none") is never accepted, whatever it claims.
        let none = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        #expect(JWT.verify(none + "." + parts[1] + ".", secret: "shared", now: 2_030).refusal != nil)
        #expect(JWT.verify("not-a-token", secret: "shared", now: 0).refusal != nil)
    }

    @Test func secretWinsOverToken() {
        let webhook = Webhook(url: "http://h/", token: "tok", secret: "sec")
        #expect(webhook.authorization == .jwt(secret: "sec"))
        #expect(Webhook(url: "http://h/", token: "tok").authorizationHeader(eventName: "X", eventTimestamp: 1, now: 1) == "Bearer tok")
        #expect(Webhook(url: "http://h/").authorizationHeader(eventName: "X", eventTimestamp: 1, now: 1) == nil)
    }
}

extension Result {
    /// Why it failed, in words; nil on success.
    var refusal: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
