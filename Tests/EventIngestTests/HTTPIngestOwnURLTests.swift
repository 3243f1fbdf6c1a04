import EventIngest
import Testing

/// Which webhook URLs reach an engine's own HTTP ingest (so that it never delivers to itself).
@Suite struct HTTPIngestOwnURLTests {
    private func settings(_ addresses: String...) -> HTTPIngestServer.Settings {
        HTTPIngestServer.Settings(addresses: addresses.map { ListenAddress.parse($0, defaultPort: 0)! })
    }

    @Test func theBoundAddressPortAndAnAnsweredPath() {
        let ingest = settings("127.0.0.1:9000", "[::1]:9000")
        #expect(ingest.receives(url: "http://127.0.0.1:9000/listen"))
        #expect(ingest.receives(url: "http://127.0.0.1:9000/"))
        #expect(ingest.receives(url: "http://127.0.0.1:9000"))
        #expect(ingest.receives(url: "http://[::1]:9000/listen"))
        #expect(ingest.receives(url: "http://localhost:9000/listen"))
        #expect(!ingest.receives(url: "http://127.0.0.1:9001/listen"))  // another port
        #expect(!ingest.receives(url: "http://127.0.0.1:9000/elsewhere"))  // a path the ingest does not answer
        #expect(!ingest.receives(url: "http://127.0.0.2:9000/listen"))  // local, but not bound there
        #expect(!ingest.receives(url: "ftp://127.0.0.1:9000/listen"))
    }

    @Test func aWildcardBindingTakesEveryLocalAddressButNoOther() {
        let ingest = settings("0.0.0.0:8080")
        #expect(ingest.receives(url: "http://127.0.0.1:8080/listen"))
        #expect(ingest.receives(url: "http://127.0.0.5:8080/listen"))
        #expect(!ingest.receives(url: "http://203.0.113.77:8080/listen"))  // TEST-NET-3: not this machine
        #expect(!ingest.receives(url: "http://[::1]:8080/listen"))  // 0.0.0.0 is IPv4 only
        #expect(!ingest.receives(url: "http://127.0.0.1:80/listen"))
        #expect(settings("0.0.0.0:80").receives(url: "http://127.0.0.1/listen"))  // the scheme's port
        #expect(settings("[::]:443").receives(url: "https://[::1]/"))
    }
}
