import GlusterEvents
import Testing

/// The one volume an event is about, from `EntityFieldNames`.
@Suite struct EventVolumeTests {
    func volume(_ event: String, _ fields: [String: String]) -> String? { EntityFieldNames.volume(event: event) { fields[$0] } }

    @Test func volumeFieldsByEvent() {
        #expect(volume("BRICK_DISCONNECTED", ["peer": "vm", "volume": "gv0", "brick": "/b1"]) == "gv0")
        #expect(volume("VOLUME_CREATE", ["name": "gv0"]) == "gv0")
        #expect(volume("VOLUME_ADD_BRICK", ["volume": "gv1", "bricks": "vm:/b2"]) == "gv1")
        #expect(volume("SNAPSHOT_CREATED", ["snapshot_name": "s1", "volume_name": "gv2"]) == "gv2")
        #expect(volume("GEOREP_FAULTY", ["master_volume": "gv3", "slave_host": "h"]) == "gv3")
        #expect(volume("AFR_SUBVOLS_DOWN", ["subvol": "gv4-replicate-12"]) == "gv4")
        #expect(volume("EC_MIN_BRICKS_NOT_UP", ["subvol": "gv-5-disperse-0"]) == "gv-5")
    }

    @Test func nameNamesAVolumeOnlyOnVolumeEvents() {
        #expect(volume("PEER_ATTACH", ["name": "not-a-volume"]) == nil)
        #expect(volume("SVC_CONNECTED", ["svc_name": "glustershd"]) == nil)
        #expect(volume("AFR_SUBVOLS_DOWN", ["subvol": "gv0-client-3"]) == nil)
        #expect(volume("VOLUME_SET", ["name": "", "volume": ""]) == nil)  // empty names nothing
    }
}
