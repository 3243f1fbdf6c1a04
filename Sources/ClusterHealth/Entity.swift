import GlusterEvents

/// What a problem is about — a brick, a peer, a volume, a replica set, a geo-rep session, a daemon,
/// a quota path — named by gluster's own fields (`volume`, `brick`, `peer`, `subvol`, …).
public struct Entity: Hashable, Sendable {
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// By name, so that an entity reads back from JSON (keys sorted) as it was.
    public let fields: [Field]

    /// Longest value kept (the fields come from outside; a longer one is cut).
    static let maxValueBytes = 256

    /// The volume it belongs to: its `volume`, a geo-rep session's primary volume, or the volume a
    /// subvolume is part of (`gv0-replicate-0` is gv0's). Worked out once: stopping a volume asks
    /// every problem.
    public let volume: String?

    public init(fields: [Field]) {
        self.fields = fields.sorted { $0.name < $1.name }
        volume = Self.volume(of: self.fields)
    }

    /// The entity `rule` names in `event`; nil when the event lacks a field it needs.
    init?(_ rule: HealthRule, of event: HealthEvent) {
        var fields: [Field] = []
        for field in rule.entity {
            let sent = field.sources.lazy.compactMap { event.fields[$0] }.first { !$0.isEmpty }
            switch field.transform {
            case .none:
                guard let sent else { return nil }
                fields.append(Field(name: field.name, value: Self.bounded(sent)))
            case .hostAndPath:
                guard let sent, let colon = sent.firstIndex(of: ":") else { return nil }
                let path = sent[sent.index(after: colon)...].split(separator: " ", maxSplits: 1).first ?? ""
                fields.append(Field(name: "peer", value: Self.bounded(String(sent[..<colon]))))
                fields.append(Field(name: field.name, value: Self.bounded(String(path))))
            case .sendingNode:
                guard !event.node.isEmpty else { return nil }
                fields.append(Field(name: field.name, value: Self.bounded(event.node)))
            }
        }
        self.init(fields: fields)
    }

    public subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    private static func volume(of fields: [Field]) -> String? {
        // An entity's fields carry gluster's names (`volume`, `primary_volume`, `subvol`, …).
        EntityFieldNames.volume(event: nil) { name in fields.first { $0.name == name }?.value }
    }

    /// A short name for people: `vm:/bricks/gv0/b1`, `gv0-replicate-0`, `glustershd on 4c10a802`.
    public var label: String {
        if let brick = self["brick"] {
            let host = self["peer"].map { $0 + ":" } ?? ""
            return ([host + brick] + fields.filter { !["peer", "volume", "brick"].contains($0.name) }.map(\.value)).joined(separator: " ")
        }
        if let service = self["svc_name"], let node = self["node"] { return "\(service) on \(node.prefix(8))" }
        if let primary = self["primary_volume"], let host = self["secondary_host"], let volume = self["secondary_volume"] {
            let node = self["primary_node"].map { $0 + ":" } ?? ""
            return "\(primary) → \(host)::\(volume)" + (self["brick_path"].map { " (\(node)\($0))" } ?? "")
        }
        let volumeFirst = fields.filter { $0.name == "volume" || $0.name == "subvol" } + fields.filter { $0.name != "volume" && $0.name != "subvol" }
        return volumeFirst.map(\.value).joined(separator: " ")
    }

    /// `value` cut to `maxValueBytes` of UTF-8 at a character boundary.
    static func bounded(_ value: String) -> String { value.prefix(utf8Bytes: maxValueBytes) }
}
