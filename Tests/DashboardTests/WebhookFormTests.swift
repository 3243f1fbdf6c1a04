@testable import Dashboard
import GlusterEvents
import Testing
import WebhookDelivery

@Suite struct WebhookFormTests {
    private func type(_ text: String, into form: inout WebhookForm) {
        for character in text { _ = form.handle(.character(character)) }
    }

    @Test func addingWalksTheFieldsAndSavesFromTheLast() {
        var form = WebhookForm(purpose: .add)
        type("http://127.0.0.1:9000/hook", into: &form)
        #expect(form.handle(.tab) == .editing)  // (Enter would save the URL alone)
        #expect(form.focused == .token)
        type("tok", into: &form)
        #expect(form.handle(.tab) == .editing)
        type("sec", into: &form)
        _ = form.handle(.enter)
        #expect(form.focused == .signing)
        type("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", into: &form)  // a rotation
        _ = form.handle(.enter)
        type("VOLUME_*,BRICK_DISCONNECTED", into: &form)
        _ = form.handle(.enter)
        #expect(form.focused == .timeout)
        type("2.5", into: &form)
        _ = form.handle(.enter)  // the engine's retry schedule…
        _ = form.handle(.enter)
        type("600", into: &form)  // …but give up after 10 minutes
        _ = form.handle(.enter)  // the CA file stays empty: the system's CAs
        _ = form.handle(.enter)
        #expect(form.focused == .verifyTLS)
        var expected = Webhook(url: "http://127.0.0.1:9000/hook", token: "tok", secret: "sec")
        expected.signingSecrets = ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"]
        expected.deliverySettings.events = ["VOLUME_*", "BRICK_DISCONNECTED"]
        expected.deliverySettings.timeoutSeconds = 2.5
        expected.deliverySettings.giveUpAfterSeconds = 600
        #expect(form.handle(.enter) == .submit(.add(expected)))
    }

    /// A URL alone: Enter on it saves (no walk through nine fields); anything else typed, Enter
    /// moves on. Ctrl-S saves from any field.
    @Test func aURLAloneIsSavedByEnterAndCtrlSSavesFromAnyField() {
        var alone = WebhookForm(purpose: .add)
        type("http://127.0.0.1:9000/hook", into: &alone)
        #expect(alone.handle(.enter) == .submit(.add(Webhook(url: "http://127.0.0.1:9000/hook"))))

        var withToken = WebhookForm(purpose: .add)
        withToken.focused = .token
        type("tok", into: &withToken)
        withToken.focused = .url
        type("http://h/x", into: &withToken)
        #expect(withToken.handle(.enter) == .editing && withToken.focused == .token)
        type("en", into: &withToken)
        #expect(withToken.handle(.control("s")) == .submit(.add(Webhook(url: "http://h/x", token: "token"))))

        var empty = WebhookForm(purpose: .add)
        #expect(empty.handle(.enter) == .editing && empty.focused == .token)  // no URL yet: moves on
        #expect(empty.handle(.control("s")) == .editing && empty.error == "enter the webhook's URL")
    }

    @Test func aBadURLIsExplainedAndTheFormStaysOpen() {
        var form = WebhookForm(purpose: .add)
        type("ftp://example.com", into: &form)
        _ = form.handle(.backTab)  // from the URL field round to the last field
        #expect(form.focused == .verifyTLS)
        #expect(form.handle(.enter) == .editing)
        #expect(form.error == "webhook URL must start with http:// or https://")
        _ = form.handle(.tab)
        _ = form.handle(.backspace)
        #expect(form.error == nil)  // typing clears the complaint

        var unknown = WebhookForm(purpose: .add)
        type("http://h/x", into: &unknown)
        unknown.focused = .events
        type("VOLUM_CREATE", into: &unknown)
        unknown.focused = .verifyTLS
        _ = unknown.handle(.enter)
        #expect(unknown.error?.hasPrefix("VOLUM_CREATE is not a gluster event") == true)

        var empty = WebhookForm(purpose: .add)
        empty.focused = .verifyTLS
        _ = empty.handle(.enter)
        #expect(empty.error == "enter the webhook's URL")
    }

    @Test func editingKeepsWhatWasNotTouched() {
        var form = WebhookForm(purpose: .edit(url: "http://h/x", hasToken: true, hasSecret: false))
        #expect(form.editableFields == [.token, .secret, .signing, .events, .timeout, .retryMaxDelay, .giveUpAfter, .caFile, .verifyTLS])
        #expect(form.focused == .token)
        form.focused = .verifyTLS
        _ = form.handle(.enter)
        #expect(form.error?.hasPrefix("nothing changed") == true)
        form.focused = .secret
        type("new-secret", into: &form)
        form.focused = .verifyTLS
        #expect(form.handle(.enter) == .submit(.modify(url: "http://h/x", token: nil, secret: "new-secret", settings: nil)))
        _ = form.handle(.character(" "))  // Space turns verification off: a settings change
        var insecure = WebhookSettings()
        insecure.verifyTLS = false
        #expect(form.handle(.enter) == .submit(.modify(url: "http://h/x", token: nil, secret: "new-secret", settings: insecure)))
    }

    /// Signing secrets are checked as typed; `-` stops signing; a webhook's secrets are never shown.
    @Test func signingSecretsAreCheckedAndMinusStopsSigning() {
        var bad = WebhookForm(purpose: .add)
        type("http://h/x", into: &bad)
        bad.focused = .signing
        type("whsec_short", into: &bad)
        bad.focused = .verifyTLS
        _ = bad.handle(.enter)
        #expect(bad.error == "a signing secret is whsec_ and the base64 of 24 to 64 random bytes")

        var webhook = Webhook(url: "http://h/x")
        webhook.signingSecrets = ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
        var form = WebhookForm(editing: webhook)
        #expect(form.placeholder(.signing).hasPrefix("(1 set — kept unless you type new ones"))
        #expect(form.editor(.signing).string.isEmpty)
        form.focused = .signing
        type("-", into: &form)
        form.focused = .verifyTLS
        #expect(form.handle(.enter) == .submit(.modify(url: "http://h/x", token: nil, secret: nil, signingSecrets: [], settings: nil)))
    }

    @Test func aTimeoutOutOfBoundsIsRefused() {
        var form = WebhookForm(purpose: .add)
        type("http://h/x", into: &form)
        form.focused = .timeout
        type("0", into: &form)
        form.focused = .verifyTLS
        _ = form.handle(.enter)
        #expect(form.error == "Timeout: seconds from 0.1 to 86400, or empty for the engine's")
    }

    @Test func clearingAFieldRemovesTheValue() {
        var form = WebhookForm(purpose: .edit(url: "http://h/x", hasToken: true, hasSecret: false))
        type("x", into: &form)
        _ = form.handle(.backspace)
        form.focused = .verifyTLS
        #expect(form.handle(.enter) == .submit(.modify(url: "http://h/x", token: "", secret: nil, settings: nil)))
    }

    /// What `webhook-add` refuses, the form refuses: other schemes, control characters in the
    /// token or secret (a pasted CR would start a header line of its own).
    @Test func otherSchemesAndControlCharactersAreRefused() {
        var gopher = WebhookForm(purpose: .add)
        type("gopher://127.0.0.1:6379/_SET%20x%201", into: &gopher)
        gopher.focused = .verifyTLS
        #expect(gopher.handle(.enter) == .editing)
        #expect(gopher.error == "webhook URL must start with http:// or https://")

        var token = WebhookForm(purpose: .add)
        type("http://h/x", into: &token)
        token.focused = .token
        type("abc\rX-Injected: yes", into: &token)
        token.focused = .verifyTLS
        #expect(token.handle(.enter) == .editing)
        #expect(token.error == "bearer token must not contain control character U+000D")

        var secret = WebhookForm(purpose: .edit(url: "http://h/x", hasToken: false, hasSecret: true))
        secret.focused = .secret
        type("s\u{9B}2J", into: &secret)
        secret.focused = .verifyTLS
        #expect(secret.handle(.enter) == .editing)
        #expect(secret.error == "secret must not contain control character U+009B")
    }

    @Test func escCancels() {
        var form = WebhookForm(purpose: .add)
        #expect(form.handle(.escape) == .cancel)
    }
}
