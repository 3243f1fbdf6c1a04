import Foundation
import GlusterEvents
import GlusterHost
import Testing
import TestSupport

@Suite struct WebhookStoreTests {
    let dir = TemporaryDirectory()
    var store: WebhookStore { WebhookStore(path: dir.path + "/webhooks.json") }

    @Test func writesBothKeysAlways() throws {
        try store.add(Webhook(url: "http://a/listen"))
        try store.add(Webhook(url: "http://b/listen", token: "t"))
        #expect(
            dir.read("webhooks.json")
                == #"{"http://a/listen": {"secret": "", "token": ""}, "http://b/listen": {"secret": "", "token": "t"}}"#)
    }

    @Test func addModifyRemoveWithGlusterErrors() throws {
        try store.add(Webhook(url: "http://a/", token: "t1"))
        #expect(throws: WebhookStore.ChangeError.alreadyExists) { try store.add(Webhook(url: "http://a/")) }
        try store.modify(url: "http://a/") { $0.secret = "s1" }
        #expect(try store.load()["http://a/"] == Webhook(url: "http://a/", token: "t1", secret: "s1"))
        #expect(throws: WebhookStore.ChangeError.doesNotExist) { try store.modify(url: "http://zz/") { _ in } }
        try store.remove(url: "http://a/")
        #expect(try store.load().webhooks.isEmpty)
        #expect(throws: WebhookStore.ChangeError.doesNotExist) { try store.remove(url: "http://a/") }
    }

    @Test func readsOldStyleTokenStringsAndKeepsExtraSettings() throws {
        dir.write(#"{"http://old/": "tok", "http://new/": {"token": "", "secret": "s", "eventsdash-filter": ["VOLUME_*"]}}"#, to: "webhooks.json")
        let registry = try store.load()
        #expect(registry["http://old/"]?.token == "tok")
        #expect(registry["http://new/"]?.secret == "s")
        try store.modify(url: "http://new/") { $0.token = "t2" }
        let rewritten = try JSONValue.parse(dir.read("webhooks.json")!)
        #expect(rewritten["http://new/"]?["eventsdash-filter"] == .array([.string("VOLUME_*")]))
        #expect(rewritten["http://old/"] == .object([("secret", .string("")), ("token", .string("tok"))]))
    }

    @Test func malformedFileIsReportedAndLeftAsItIs() throws {
        let broken = #"{"http://a/": {"token": "#
        dir.write(broken, to: "webhooks.json")
        let error = #expect(throws: ConfigFileError.self) { try store.load() }
        #expect(error?.description.contains(dir.path + "/webhooks.json") == true)
        #expect(throws: ConfigFileError.self) { try store.add(Webhook(url: "http://b/")) }
        #expect(dir.read("webhooks.json") == broken)
    }

    @Test func wrongShapesAreReported() {
        dir.write(#"["http://a/"]"#, to: "webhooks.json")
        #expect(throws: ConfigFileError.self) { try store.load() }
        dir.write(#"{"http://a/": {"token": 5}}"#, to: "webhooks.json")
        #expect(throws: ConfigFileError.self) { try store.load() }
    }

    @Test func validatesURLs() {
        #expect(Webhook.validate(url: "http://127.0.0.1:9000/listen") == nil)
        #expect(Webhook.validate(url: "https://example.org") == nil)
        #expect(Webhook.validate(url: "ftp://x/") != nil)
        #expect(Webhook.validate(url: "http://") != nil)
        #expect(Webhook.validate(url: "http://a b/") != nil)
    }

    /// Many threads adding at once through the lock: every change survives.
    @Test func concurrentWritersLoseNothing() async throws {
        let store = self.store
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask { try? store.add(Webhook(url: "http://h/\(i)")) }
            }
        }
        #expect(try store.load().webhooks.count == 40)
    }

    /// A bad entry in the file is read (and reported by whoever uses it), and kept verbatim when
    /// another webhook is added: the file is never rewritten to drop or "fix" it.
    @Test func badEntriesAreLoadedAndKeptAsTheyAre() throws {
        let dir = TemporaryDirectory()
        let store = WebhookStore(path: dir.path + "/webhooks.json")
        dir.write(#"{"gopher://127.0.0.1:6379/_x": {"token": "", "secret": ""}, "http://a/": {"token": "t\r", "secret": ""}}"#, to: "webhooks.json")
        let registry = try store.load()
        #expect(registry["gopher://127.0.0.1:6379/_x"]?.problem == "webhook URL must start with http:// or https://")
        #expect(registry["http://a/"]?.problem != nil)
        try store.add(Webhook(url: "http://b/"))
        let reloaded = try store.load()
        #expect(reloaded.webhooks.count == 3 && reloaded["http://a/"]?.token == "t\r")
    }
}
