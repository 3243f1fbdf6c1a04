import Testing

@testable import EventsEngine

@Suite struct AlertmanagerEndpointTests {
    @Test func alertsGoUnderTheBaseURLWithOrWithoutASlashOrPrefix() throws {
        #expect(try AlertmanagerEndpoint("http://am:9093").alertsURL == "http://am:9093/api/v2/alerts")
        #expect(try AlertmanagerEndpoint("http://am:9093/").alertsURL == "http://am:9093/api/v2/alerts")
        #expect(try AlertmanagerEndpoint("https://host/alertmanager/").alertsURL == "https://host/alertmanager/api/v2/alerts")
    }

    @Test func onlyHTTPURLsWithAHostAndNoQuery() {
        for bad in ["am:9093", "ftp://am", "http://", "http://am:9093/?x=1", "http://a m", String(repeating: "a", count: 3000)] {
            #expect(throws: AlertmanagerEndpoint.Invalid.self) { try AlertmanagerEndpoint(bad) }
        }
    }

    /// A password never goes on the command line, which every local user can read.
    @Test func credentialsAreRefusedOnTheCommandLine() throws {
        #expect(throws: AlertmanagerEndpoint.Invalid.self) { try AlertmanagerEndpoint("https://user:secret@am.example:9093/x") }
        #expect(try AlertmanagerEndpoint("https://am.example:9093/x@y").description == "https://am.example:9093/x@y")  // an @ in the path
        #expect(try AlertmanagerEndpoint("http://am:9093").description == "http://am:9093")
    }
}
