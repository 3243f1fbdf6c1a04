/// A webhook body cut down to a size a screen can use: the event's name, node and time kept, each
/// message value cut to `valueLimit` characters (`…` marks a cut) and at most `fieldLimit` fields.
/// Memory holds this for an event too large to keep whole; the log keeps the whole body.
public enum AbridgedBody {
    public static func abridged(_ body: String, valueLimit: Int = 200, fieldLimit: Int = 32) -> String {
        guard let json = try? JSONValue.parse(body), let members = json.objectMembers else {
            return JSONValue.string(cut(body, valueLimit)).encoded()
        }
        let kept = members.prefix(fieldLimit + 4).map { member -> (key: String, value: JSONValue) in
            guard member.key == "message", let fields = member.value.objectMembers else {
                return (cut(member.key, valueLimit), cutValue(member.value, valueLimit))
            }
            var message = fields.prefix(fieldLimit).map { (key: cut($0.key, valueLimit), value: cutValue($0.value, valueLimit)) }
            if fields.count > fieldLimit { message.append((key: "…", value: .string("\(fields.count - fieldLimit) more fields"))) }
            return (member.key, .object(message))
        }
        return JSONValue.object(Array(kept)).encoded()
    }

    private static func cutValue(_ value: JSONValue, _ limit: Int) -> JSONValue {
        switch value {
        case .string(let text): .string(cut(text, limit))
        case .array, .object: .string(cut(value.encoded(), limit))
        default: value
        }
    }

    private static func cut(_ text: String, _ limit: Int) -> String {
        text.unicodeScalars.count <= limit ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
    }
}
