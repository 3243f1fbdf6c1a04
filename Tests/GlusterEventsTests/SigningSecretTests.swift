import GlusterEvents
import Testing

/// Standard Webhooks signing: secrets as the spec writes them, signatures as it computes them.
@Suite struct SigningSecretTests {
    /// The example of the Standard Webhooks specification (and of Svix's documentation).
    @Test func theSpecificationsExampleSignsAsItSays() throws {
        let secret = try #require(SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let signature = SigningSecret.signature(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: #"{"test": 2432232314}"#, secrets: [secret])
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func eachSecretSignsDuringARotation() throws {
        let old = try #require(SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let new = SigningSecret.generate()
        let both = SigningSecret.signature(id: "a", timestamp: 1, body: "{}", secrets: [old, new])
        #expect(both.split(separator: " ").map(String.init) == [
            SigningSecret.signature(id: "a", timestamp: 1, body: "{}", secrets: [old]),
            SigningSecret.signature(id: "a", timestamp: 1, body: "{}", secrets: [new]),
        ])
        #expect(new.text.hasPrefix("whsec_") && SigningSecret(new.text) == new)
    }

    @Test func whatIsNotASecretIsRefused() {
        for bad in ["", "whsec_", "whsec_short", "whsec_!!!!notbase64!!!!notbase64!!!!", "whsec_" + String(repeating: "A", count: 120)] {
            #expect(SigningSecret(bad) == nil && SigningSecret.problem(of: bad) != nil, "\(bad)")
        }
        #expect(SigningSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") != nil)  // without the prefix
    }
}
