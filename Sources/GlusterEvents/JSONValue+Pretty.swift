/// JSON for people to read: one member per line, indented, keys sorted as in the webhook body,
/// non-ASCII text shown as itself rather than `\uXXXX`.
extension JSONValue {
    public func prettyLines(indent: Int = 2) -> [String] {
        var lines: [String] = []
        var current = ""
        writePretty(into: &lines, current: &current, depth: 0, indent: indent)
        lines.append(current)
        return lines
    }

    private func writePretty(into lines: inout [String], current: inout String, depth: Int, indent: Int) {
        let pad = { (depth: Int) in String(repeating: " ", count: depth * indent) }
        switch self {
        case .array(let items) where !items.isEmpty:
            current += "["
            for (index, item) in items.enumerated() {
                lines.append(current)
                current = pad(depth + 1)
                item.writePretty(into: &lines, current: &current, depth: depth + 1, indent: indent)
                if index < items.count - 1 { current += "," }
            }
            lines.append(current)
            current = pad(depth) + "]"
        case .object(let members) where !members.isEmpty:
            current += "{"
            let sorted = Self.sortedUnique(members)
            for (index, member) in sorted.enumerated() {
                lines.append(current)
                current = pad(depth + 1) + Self.readableString(member.key) + ": "
                member.value.writePretty(into: &lines, current: &current, depth: depth + 1, indent: indent)
                if index < sorted.count - 1 { current += "," }
            }
            lines.append(current)
            current = pad(depth) + "}"
        case .string(let text):
            current += Self.readableString(text)
        default:
            current += encoded()
        }
    }

    /// A JSON string literal that escapes only what JSON requires (quotes, backslashes, controls).
    private static func readableString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
