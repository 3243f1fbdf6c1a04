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

    @Test func secretWinsOverToken() {
        let webhook = Webhook(url: "http://h/", token: "tok", secret: "sec")
        #expect(webhook.authorization == .jwt(secret: "sec"))
        #expect(Webhook(url: "http://h/", token: "tok").authorizationHeader(eventName: "X", eventTimestamp: 1, now: 1) == "Bearer tok")
        #expect(Webhook(url: "http://h/").authorizationHeader(eventName: "X", eventTimestamp: 1, now: 1) == nil)
    }
}
