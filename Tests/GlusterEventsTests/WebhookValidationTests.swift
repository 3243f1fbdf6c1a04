import Foundation
import GlusterEvents
import Testing
import TestSupport

/// Only `http(s)://HOST…` URLs, and no control character in a URL, token or secret: whether typed
/// into `webhook-add` or found in `webhooks.json`.
@Suite struct WebhookValidationTests {
    @Test func onlyHTTPAndHTTPSURLsWithAHost() {
        for url in ["http://127.0.0.1:9000/listen", "HTTPS://example.org", "http://[::1]:9000/x?a=b", "http://u:p@host/"] {
            #expect(Webhook.validate(url: url) == nil, "\(url)")
        }
        let refused = [
            "gopher://127.0.0.1:6379/_SET%20pwned%201", "file:///etc/shadow", "dict://127.0.0.1:11211/", "ftp://x/",
            "http://", "http:///path", "http://user@/x", "http://:80/", "https://[]:443/", "127.0.0.1:9000/listen",
        ]
        for url in refused {
            #expect(Webhook.validate(url: url) != nil, "\(url)")
        }
    }

    @Test func noControlCharactersOrSpacesInURLs() {
        for url in [
            "http://a/b\r\nX-Injected: yes", "http://a/\u{1B}]0;pwned\u{07}", "http://a/\u{9B}2J", "http://a/\u{7F}", "http://a b/",
            "http://a/\tb", "http://a/\u{00A0}",
        ] {
            #expect(Webhook.validate(url: url)?.contains("must not contain") == true, "\(url)")
        }
        // The message names the character by its code, never shows it.
        #expect(Webhook.validate(url: "http://a/\r") == "webhook URL must not contain control character U+000D")
    }

    @Test func noControlCharactersInTokensOrSecrets() {
        #expect(Webhook.validate(token: "abc\rX-Injected: yes") == "bearer token must not contain control character U+000D")
        #expect(Webhook.validate(token: "a b") == "bearer token must not contain a space")
        #expect(Webhook.validate(token: "a\u{85}b") != nil)
        #expect(Webhook.validate(token: "eyJhbGciOi.J9-_~+/=") == nil)
        #expect(Webhook.validate(secret: "a\nb") == "secret must not contain control character U+000A")
        #expect(Webhook.validate(secret: "\u{1B}[2J") != nil)
        #expect(Webhook.validate(secret: "a pass phrase") == nil)  // never sent: only keys the JWT
        #expect(Webhook(url: "http://a/", token: "t\r").problem == "bearer token must not contain control character U+000D")
        #expect(Webhook(url: "http://a/", secret: "s\u{7F}").problem != nil)
        #expect(Webhook(url: "http://a/", token: "t", secret: "s").problem == nil)
    }
}
