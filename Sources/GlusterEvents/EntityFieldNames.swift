/// Which of an event's fields name a volume, a brick or a peer, across glusterfs versions: the one
/// table the dashboard's `volume:`, `brick:` and `peer:` filter words read (and the names
/// `HealthRules` takes an entity from are among them; `EntityFieldNamesTests` checks).
///
/// | entity | fields |
/// | --- | --- |
/// | volume | `name` on VOLUME_* events; `volume`, `volname`, `volume_name` (snapshots), `primary_volume`/`master_volume`, `secondary_volume`/`slave_volume` (geo-rep), `primary`/`master`; the volume after `::` in `secondary`/`slave` (`[user@]host::volume`); the volume a `subvol` is part of (`gv0-replicate-0`) |
/// | brick | `brick`, `brick_path`; as `host:/path` when the value says its host (`host:/path timeout is N`, as POSIX_HEALTH_CHECK_FAILED sends it) or a host field does (`peer`, `host`, `primary_node`, `master_node`), else `/path` |
/// | peer | `peer`, `host`, `hostname`, `primary_node`/`master_node`, `secondary_host`/`slave_host`; the host of a brick's `host:/path` and of a geo-rep `[user@]host::volume` |
///
/// Keys are compared trimmed (AFR sends `" subvol"`).
public enum EntityFieldNames {
    public enum Kind: String, Sendable, CaseIterable {
        case volume, brick, peer
    }

    /// Fields whose whole value is a volume's name (`name` too, on VOLUME_* events).
    public static let volumeFields: Set<String> = [
        "volume", "volname", "volume_name", "primary_volume", "master_volume", "secondary_volume", "slave_volume", "primary",
        "master",
    ]
    /// Fields holding a brick's path, or its `host:/path`.
    public static let brickFields: Set<String> = ["brick", "brick_path"]
    /// Fields whose whole value is a peer's host name or address.
    public static let peerFields: Set<String> = [
        "peer", "host", "hostname", "primary_node", "master_node", "secondary_host", "slave_host",
    ]
    /// Fields naming the host of the event's bricks, first found first.
    static let brickHostFields = ["peer", "host", "primary_node", "master_node"]
    /// A geo-rep session's secondary, `[user@]host::volume`.
    static let sessionFields: Set<String> = ["secondary", "slave"]

    /// The names of the `kind` entities that event `name`'s `fields` name, as written (a brick as
    /// `host:/path` when its host is known, else its path).
    public static func names(_ kind: Kind, event name: String, fields: [(key: String, value: String)]) -> [String] {
        var names: [String] = []
        switch kind {
        case .volume:
            let volumeEvent = name.hasPrefix("VOLUME_")
            for (key, value) in fields {
                let key = key.trimmingWhitespace()
                if volumeFields.contains(key) || (volumeEvent && key == "name") {
                    names.append(value)
                } else if key == "subvol", let volume = volume(ofSubvolume: value) {
                    names.append(volume)
                } else if sessionFields.contains(key), let session = session(value) {
                    names.append(session.volume)
                }
            }
        case .brick:
            let host = brickHostFields.lazy.compactMap { wanted in fields.first { $0.key.trimmingWhitespace() == wanted }?.value }.first
            for (key, value) in fields where brickFields.contains(key.trimmingWhitespace()) {
                let brick = value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                guard !brick.isEmpty else { continue }
                names.append(brick.hasPrefix("/") ? (host.map { $0 + ":" } ?? "") + brick : brick)
            }
        case .peer:
            for (key, value) in fields {
                let key = key.trimmingWhitespace()
                if peerFields.contains(key) {
                    names.append(value)
                } else if brickFields.contains(key), !value.hasPrefix("/"), let colon = value.firstIndex(of: ":") {
                    names.append(String(value[..<colon]))
                } else if sessionFields.contains(key), let session = session(value) {
                    names.append(session.host)
                }
            }
        }
        return names
    }

    /// The one volume an event is about (`field` gives a field's value by name; `event` is its
    /// published name, nil for an entity's own fields): `volume` first, then `name` on VOLUME_*
    /// events, the snapshot's and geo-rep's primary volume, then the volume of a `subvol`.
    public static func volume(event: String?, by field: (String) -> String?) -> String? {
        func value(_ name: String) -> String? { field(name).flatMap { $0.isEmpty ? nil : $0 } }
        if let volume = value("volume") { return volume }
        if let event, event.hasPrefix("VOLUME_"), let name = value("name") { return name }
        for name in ["volname", "volume_name", "primary_volume", "master_volume", "primary", "master"] {
            if let volume = value(name) { return volume }
        }
        return value("subvol").flatMap(volume(ofSubvolume:))
    }

    /// The volume a subvolume is part of: `gv0` of `gv0-replicate-0` or `gv0-disperse-1`; nil for
    /// other names. Read off the bytes (it runs for every AFR and EC event).
    public static func volume(ofSubvolume subvolume: String) -> String? {
        var subvol = subvolume
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

    /// `[user@]host::volume`, as geo-rep names a session's secondary.
    private static func session(_ value: String) -> (host: String, volume: String)? {
        guard let separator = value.firstRange(of: "::") else { return nil }
        let user = value[..<separator.lowerBound]
        let host = user.lastIndex(of: "@").map { user[user.index(after: $0)...] } ?? user
        return (String(host), String(value[separator.upperBound...]))
    }
}
