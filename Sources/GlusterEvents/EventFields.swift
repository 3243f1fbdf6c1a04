/// glustereventsd's per-field and per-event handling, which decides the JSON types of a message.
public enum EventFields {
    private static let volumeSetType = EventCatalog.number(of: "VOLUME_SET")!

    /// The `message` object for an event: raw pairs, last duplicate winning, typed as gluster types them.
    public static func message(type: Int, rawFields: [(key: String, value: String)]) -> JSONValue {
        guard type == volumeSetType else {
            return .object(merging: rawFields.map { (key: $0.key, value: typedValue(key: $0.key, raw: $0.value)) })
        }
        var members = rawFields.filter { $0.key != "options" }.map {
            (key: $0.key, value: typedValue(key: $0.key, raw: $0.value))
        }
        let options = rawFields.last(where: { $0.key == "options" })?.value ?? ""
        members.append((key: "options", value: volumeSetOptions(options)))
        return .object(merging: members)
    }

    /// glustereventsd's AUTO_BOOL_ATTRIBUTES become booleans (`1`, `on`, `true`, `yes` in any case
    /// are true, anything else false); its AUTO_INT_ATTRIBUTES become integers when they parse.
    static func typedValue(key: String, raw: String) -> JSONValue {
        switch key {
        case "force", "push-pem", "no-verify":
            return .bool(["1", "on", "true", "yes"].contains(raw.lowercased()))
        case "ssh-port":
            return Int64(raw).map { .int($0) } ?? .string(raw)
        default:
            return .string(raw)
        }
    }

    /// `VOLUME_SET`'s `options="k1,v1,k2,v2"` as `[["k1","v1"],["k2","v2"]]` (an odd count leaves a
    /// last list of one, as glustereventsd does).
    public static func volumeSetOptions(_ options: String) -> JSONValue {
        var trimmed = Substring(options)
        while trimmed.first == "," { trimmed = trimmed.dropFirst() }
        while trimmed.last == "," { trimmed = trimmed.dropLast() }
        let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var pairs: [JSONValue] = []
        var index = 0
        while index < parts.count {
            pairs.append(.array(parts[index..<min(index + 2, parts.count)].map { .string($0) }))
            index += 2
        }
        return .array(pairs)
    }
}
