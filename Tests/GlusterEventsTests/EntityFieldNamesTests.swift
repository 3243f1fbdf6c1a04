import GlusterEvents
import Testing

@Suite struct EntityFieldNamesTests {
    private func names(_ kind: EntityFieldNames.Kind, _ event: String, _ fields: [(String, String)]) -> [String] {
        EntityFieldNames.names(kind, event: event, fields: fields.map { (key: $0.0, value: $0.1) })
    }

    @Test func aVolumeIsNamedByNameOnVolumeEventsAndByItsOwnFieldsElsewhere() {
        #expect(names(.volume, "VOLUME_START", [("name", "gv0"), ("force", "0")]) == ["gv0"])
        #expect(names(.volume, "SNAPSHOT_CREATED", [("snapshot_name", "s1"), ("volume_name", "gv0")]) == ["gv0"])
        #expect(names(.volume, "PEER_ATTACH", [("name", "gv0")]) == [])  // `name` names a volume only on VOLUME_*
        #expect(names(.volume, "AFR_QUORUM_FAIL", [(" subvol", "gv0-replicate-0")]) == ["gv0"])
        #expect(names(.volume, "GEOREP_FAULTY", [("master_volume", "gv0"), ("slave_volume", "gv0b")]) == ["gv0", "gv0b"])
        #expect(names(.volume, "GEOREP_STOP", [("primary", "gv0"), ("secondary", "geo@backup::gv0b")]) == ["gv0", "gv0b"])
    }

    @Test func aBrickIsItsPathWithTheHostWhereTheEventSaysIt() {
        #expect(names(.brick, "BRICK_DISCONNECTED", [("peer", "vm2"), ("volume", "gv0"), ("brick", "/b1")]) == ["vm2:/b1"])
        #expect(names(.brick, "POSIX_HEALTH_CHECK_FAILED", [("brick", "vm3:/b2 timeout is 20")]) == ["vm3:/b2"])
        #expect(names(.brick, "CLIENT_DISCONNECT", [("brick_path", "/b3")]) == ["/b3"])
        #expect(names(.peer, "POSIX_HEALTH_CHECK_FAILED", [("brick", "vm3:/b2 timeout is 20")]) == ["vm3"])
        #expect(names(.peer, "PEER_CONNECT", [("host", "vm4")]) == ["vm4"])
        #expect(names(.peer, "GEOREP_STOP", [("secondary", "geo@backup::gv0b")]) == ["backup"])
    }

    /// Every field the health table takes a volume, brick or peer from is in this table.
    @Test func theHealthRulesNamesAreAmongThem() {
        let known = EntityFieldNames.volumeFields.union(EntityFieldNames.brickFields).union(EntityFieldNames.peerFields)
            .union(["name", "subvol", "secondary", "slave"])
        for rule in HealthRules.all {
            for field in rule.entity where ["volume", "primary_volume", "secondary_volume", "brick", "brick_path", "peer", "secondary_host"].contains(field.name) {
                for source in field.sources { #expect(known.contains(source), "\(rule.event): \(source)") }
            }
        }
    }
}
