@testable import Dashboard
import GlusterEvents
import Testing

@Suite struct WebhookFormTests {
    private func type(_ text: String, into form: inout WebhookForm) {
        for character in text { _ = form.handle(.character(character)) }
    }

    @Test func addingWalksTheFieldsAndSavesFromTheLast() {
        var form = WebhookForm(purpose: .add)
        type("http://127.0.0.1:9000/hook", into: &form)
        #expect(form.handle(.enter) == .editing)
        #expect(form.focused == .token)
        type("tok", into: &form)
        #expect(form.handle(.tab) == .editing)
        type("sec", into: &form)
        #expect(
            form.handle(.enter) == .submit(.add(Webhook(url: "http://127.0.0.1:9000/hook", token: "tok", secret: "sec"))))
    }

    @Test func aBadURLIsExplainedAndTheFormStaysOpen() {
        var form = WebhookForm(purpose: .add)
        type("ftp://example.com", into: &form)
        _ = form.handle(.backTab)  // from the URL field up to the secret, the last field
        #expect(form.focused == .secret)
        #expect(form.handle(.enter) == .editing)
        #expect(form.error == "webhook URL must start with http:// or https://")
        _ = form.handle(.up)
        _ = form.handle(.up)
        _ = form.handle(.backspace)
        #expect(form.error == nil)  // typing clears the complaint

        var empty = WebhookForm(purpose: .add)
        empty.focused = .secret
        _ = empty.handle(.enter)
        #expect(empty.error == "enter the webhook's URL")
    }

    @Test func editingKeepsWhatWasNotTouched() {
        var form = WebhookForm(purpose: .edit(url: "http://h/x", hasToken: true, hasSecret: false))
        #expect(form.editableFields == [.token, .secret])
        #expect(form.focused == .token)
        _ = form.handle(.tab)
        _ = form.handle(.enter)
        #expect(form.error?.hasPrefix("nothing changed") == true)
        type("new-secret", into: &form)
        #expect(form.handle(.enter) == .submit(.modify(url: "http://h/x", token: nil, secret: "new-secret")))
    }

    @Test func clearingAFieldRemovesTheValue() {
        var form = WebhookForm(purpose: .edit(url: "http://h/x", hasToken: true, hasSecret: false))
        type("x", into: &form)
        _ = form.handle(.backspace)
        _ = form.handle(.tab)
        #expect(form.handle(.enter) == .submit(.modify(url: "http://h/x", token: "", secret: nil)))
    }

    @Test func escCancels() {
        var form = WebhookForm(purpose: .add)
        #expect(form.handle(.escape) == .cancel)
    }
}
