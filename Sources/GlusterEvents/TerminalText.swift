/// Text that came from outside (event fields, node ids), made safe for a terminal.
public enum TerminalText {
    /// Control characters (C0, DEL, C1) as visible escapes: `\x1b`, `\n`…; and the invisible
    /// characters that change how the rest of a line reads (bidi overrides and isolates, marks,
    /// zero-width space, BOM) as `\u202e`…, so that an event cannot disguise its own text.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || isInvisibleFormat($0) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isControl(scalar) {
                    out += "\\x" + hex(scalar.value, digits: 2)
                } else if isInvisibleFormat(scalar) {
                    out += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Lower-case hex, zero-padded (String(format:) cost a microsecond a byte: `tail` of a
    /// 65,000-control-byte event took 70 ms).
    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// C0, DEL and C1: what a terminal may act on.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Zero-width joiners (U+200C, U+200D) stay: scripts and emoji sequences need them.
    private static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}
