/// JSON text in the exact form of Python's `json.dumps(value, sort_keys=True)`: `", "` and `": "`
/// separators, keys sorted by code point, non-ASCII escaped as `\uXXXX`. Webhook bodies built this
/// way are byte-for-byte what glustereventsd sends.
extension JSONValue {
    public func encoded() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    public func write(to out: inout String) {
        switch self {
        case .string(let s): Self.writeString(s, to: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        case .object:
            out += "{"
            for (i, member) in sortedMembers().enumerated() {
                if i > 0 { out += ", " }
                Self.writeString(member.key, to: &out)
                out += ": "
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// An object's members in Python's `sort_keys` order (by Unicode code point), last duplicate wins.
    func sortedMembers() -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = JSONValue.object(merging: objectMembers ?? []) else { return [] }
        return members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
    }

    private static let hexDigits = Array("0123456789abcdef")

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value > 0xFFFF {
                    let v = scalar.value - 0x10000
                    writeEscape(UInt16(0xD800 + (v >> 10)), to: &out)
                    writeEscape(UInt16(0xDC00 + (v & 0x3FF)), to: &out)
                } else {
                    writeEscape(UInt16(scalar.value), to: &out)
                }
            }
        }
        out += "\""
    }

    private static func writeEscape(_ unit: UInt16, to out: inout String) {
        out += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}
