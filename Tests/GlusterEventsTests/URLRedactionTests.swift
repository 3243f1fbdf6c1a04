import GlusterEvents
import Testing

/// What may be a secret in a URL is left out wherever eventsdash shows one.
@Suite struct URLRedactionTests {
    @Test(arguments: [
        ("http://user:pass@host:8080/path?key=v1&flag&x=&y=2#frag", "http://***@host:8080/path?key=***&***&x=***&y=***#***"),
        ("https://token@hooks.example.com/h", "https://***@hooks.example.com/h"),
        ("http://host/a@b/c", "http://host/a@b/c"),  // an @ in the path is no user
        ("http://[::1]:9/x?", "http://[::1]:9/x?"),
        ("http://u:p@h@evil/x", "http://***@evil/x"),  // the last @ ends the user part
        ("http://host/plain", "http://host/plain"),
        ("not a url ? k=v", "not a url ? k=***"),
        ("http://host/x#", "http://host/x#"),
    ])
    func secretsLeaveTheRestStays(url: String, shown: String) {
        #expect(URLRedaction.redacted(url) == shown)
    }
}
