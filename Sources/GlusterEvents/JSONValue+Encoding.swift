/// JSON text in the exact form of Python's `json.dumps(value, sort_keys=True)`: `", "` and `": "`
/// separators, keys sorted by code point, everything outside printable ASCII escaped as `\uXXXX`.
/// Webhook bodies built this way are byte-for-byte what glustereventsd sends.
///
/// This is on the ingest hot path (one body per event), so it writes UTF-8 bytes directly.
extension JSONValue {
    public func encoded() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public func write(to out: inout [UInt8]) {
        switch self {
        case .string(let s): Self.writeString(s, to: &out)
        case .int(let i): out.appendDecimal(i)
        case .double(let d): out.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in Self.sortedUnique(members).enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                Self.writeString(member.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                member.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Members in Python's `sort_keys` order (code point order, which is UTF-8 byte order), the
    /// last of duplicate keys winning.
    static func sortedUnique(_ members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        guard members.count > 1 else { return members }
        if zip(members, members.dropFirst()).allSatisfy({ $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            return members  // already in order, no duplicates
        }
        let sorted = members.enumerated().sorted { a, b in
            a.element.key == b.element.key
                ? a.offset < b.offset : a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
        }
        var result: [(key: String, value: JSONValue)] = []
        result.reserveCapacity(sorted.count)
        for item in sorted {
            if result.last?.key == item.element.key { result.removeLast() }
            result.append(item.element)
        }
        return result
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let plain = { (byte: UInt8) in byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") }
        if s.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(plain) }) ?? s.utf8.allSatisfy(plain) {
            out.appendUTF8(s)  // the usual case: nothing to escape
        } else if s.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in s.utf8 { writeASCII(byte, to: &out) }
        } else {
            for scalar in s.unicodeScalars {
                if scalar.value < 0x80 {
                    writeASCII(UInt8(scalar.value), to: &out)
                } else if scalar.value > 0xFFFF {
                    let v = scalar.value - 0x10000
                    writeEscape(UInt16(0xD800 + (v >> 10)), to: &out)
                    writeEscape(UInt16(0xDC00 + (v & 0x3FF)), to: &out)
                } else {
                    writeEscape(UInt16(scalar.value), to: &out)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeASCII(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case 0x0A: out.append(contentsOf: #"\n"#.utf8)
        case 0x0D: out.append(contentsOf: #"\r"#.utf8)
        case 0x09: out.append(contentsOf: #"\t"#.utf8)
        case 0x08: out.append(contentsOf: #"\b"#.utf8)
        case 0x0C: out.append(contentsOf: #"\f"#.utf8)
        case 0x20..<0x7F: out.append(byte)
        default: writeEscape(UInt16(byte), to: &out)
        }
    }

    private static func writeEscape(_ unit: UInt16, to out: inout [UInt8]) {
        out.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}
