/// Which volume an event is about, by gluster's own fields: the one table of them, used by the
/// health model (`Entity.volume`) and the dashboard's counts.
///
/// | field | events |
/// | --- | --- |
/// | `volume` | most events (bricks, quorum, quota, rebalance, add/remove brick, …) |
/// | `name` | `VOLUME_*` events of the volume's life (`VOLUME_CREATE name=gv0`, `VOLUME_SET`, …) |
/// | `volume_name` | snapshots (`SNAPSHOT_CREATED`, the snapshot limits) |
/// | `primary_volume`, `master_volume`, `primary`, `master` | geo-replication (its primary volume; glusterfs 9 and before said master) |
/// | `subvol` | AFR and EC: `gv0-replicate-0` and `gv0-disperse-0` are gv0's |
public enum EventVolume {
    /// The volume named by an event's fields (`field` gives a field's value by name), or nil.
    /// `event` is the published name; `name` names a volume only on `VOLUME_*` events.
    public static func named(event: String?, by field: (String) -> String?) -> String? {
        func value(_ name: String) -> String? { field(name).flatMap { $0.isEmpty ? nil : $0 } }
        if let volume = value("volume") { return volume }
        if let event, event.hasPrefix("VOLUME_"), let name = value("name") { return name }
        for name in ["volume_name", "primary_volume", "master_volume", "primary", "master"] {
            if let volume = value(name) { return volume }
        }
        return value("subvol").flatMap(ofSubvolume)
    }

    /// `gv0` of `gv0-replicate-0` or `gv0-disperse-0`; nil for anything else. Read off the bytes
    /// (it runs for every AFR and EC event).
    public static func ofSubvolume(_ subvol: String) -> String? {
        var subvol = subvol
        return subvol.withUTF8 { bytes -> String? in
            var end = bytes.count
            while end > 0, (0x30...0x39).contains(bytes[end - 1]) { end -= 1 }
            guard end < bytes.count else { return nil }
            for marker in ["-replicate-".utf8, "-disperse-".utf8] where end >= marker.count {
                let start = end - marker.count
                if bytes[start..<end].elementsEqual(marker) {
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<start]), as: UTF8.self)
                }
            }
            return nil
        }
    }
}
