import GlusterEvents
import Testing

@Suite struct EventCatalogTests {
    @Test func hasGlusterTenNamesInOrder() {
        #expect(EventCatalog.names.count == 142)
        #expect(EventCatalog.names[0] == "PEER_ATTACH")
        #expect(EventCatalog.names[1] == "PEER_DETACH")
        #expect(EventCatalog.names[2] == "VOLUME_CREATE")
        #expect(EventCatalog.names[6] == "VOLUME_SET")
        #expect(EventCatalog.names[141] == "DHT_INODES_USAGE")
        #expect(Set(EventCatalog.names).count == 142)
    }

    @Test func unknownNumbersAreNamedNotDropped() {
        #expect(EventCatalog.name(of: 142) == "UNKNOWN_142")
        #expect(EventCatalog.name(of: 9999) == "UNKNOWN_9999")
    }

    @Test(arguments: [
        ("VOLUME_CREATE", 2), ("EVENT_VOLUME_CREATE", 2), ("volume_create", 2), (" 2 ", 2), ("141", 141),
        ("UNKNOWN_300", 300), ("300", 300),
    ])
    func readsTheWaysUsersSpellEvents(spelling: String, number: Int) {
        #expect(EventCatalog.number(of: spelling) == number)
    }

    @Test func rejectsUnknownNamesWithHints() {
        #expect(EventCatalog.number(of: "VOLUME_CREAT") == nil)
        #expect(EventCatalog.number(of: "-1") == nil)
        #expect(EventCatalog.names(containing: "volume_cre") == ["VOLUME_CREATE"])
    }
}
