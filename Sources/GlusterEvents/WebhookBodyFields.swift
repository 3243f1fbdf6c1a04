/// The `message` fields (strings, and integers and booleans as their text) and the `nodeid` of a
/// logged webhook body: what the health model reads of every brick, peer and quorum event — a
/// million of them when it is rebuilt from the log, and every one on the pipeline's thread.
///
/// Bodies eventsdash writes have one form (`JSONValue.encoded()`: keys sorted, `", "` and `": "`,
/// `\uXXXX` escapes), read here straight off the bytes; Foundation's parser, with the conversion
/// to `JSONValue`, costs ~3 µs a body, which cost ingest four fifths of its rate. Anything else —
/// another form, a list or a fraction among the fields — is parsed in full. The fuzzers check
/// that both ways read every body alike.
public enum WebhookBodyFields {
    public struct Read: Equatable, Sendable {
        /// By their keys, trimmed of white space (AFR's `" subvol"`).
        public var fields: [String: String]
        public var nodeID: String?
    }

    public static func read(_ body: String) -> Read? { fast(body) ?? parsed(body) }

    /// Straight off the bytes, for a body in eventsdash's own form; nil for any other (public for
    /// the fuzz checks: where it reads a body, it must read it as `parsed` does).
    public static func fast(_ body: String) -> Read? {
        var body = body
        return body.withUTF8 { bytes in
            var reader = FastReader(bytes: bytes)
            return reader.read()
        }
    }

    /// Through `JSONValue.parse`, for any body.
    public static func parsed(_ body: String) -> Read? {
        guard let json = try? JSONValue.parse(body), let message = json["message"], message.objectMembers != nil else { return nil }
        return Read(fields: fields(of: message), nodeID: json["nodeid"]?.stringValue)
    }

    /// A message's strings, integers and booleans as text, by their keys trimmed; lists, objects
    /// and fractions name no entity and are left out.
    public static func fields(of message: JSONValue) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in message.objectMembers ?? [] {
            switch value {
            case .string(let text): fields[key.trimmingWhitespace()] = text
            case .int(let number): fields[key.trimmingWhitespace()] = String(number)
            case .bool(let flag): fields[key.trimmingWhitespace()] = String(flag)
            default: continue
            }
        }
        return fields
    }
}

/// Reads `{"event": "…", "message": {…}, "nodeid": "…", "ts": N}` as eventsdash writes it; nil at
/// the first byte that is not of that form.
private struct FastReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func read() -> WebhookBodyFields.Read? {
        guard literal(#"{"event": "#), string() != nil, literal(#", "message": {"#) else { return nil }
        var fields: [String: String] = [:]
        if !literal("}") {
            // Keys in increasing order, as written (and as the full parse takes them: which of
            // two keys alike but for white space counts is then the same both ways).
            var previous: String?
            repeat {
                guard let key = string(), previous.map({ $0 < key }) ?? true, literal(": "), let value = scalar() else { return nil }
                fields[key.trimmingWhitespace()] = value
                previous = key
            } while literal(", ")
            guard literal("}") else { return nil }
        }
        guard literal(#", "nodeid": "#), let node = string(), literal(#", "ts": "#), integer() != nil, literal("}"),
            index == bytes.count
        else { return nil }
        return WebhookBodyFields.Read(fields: fields, nodeID: node)
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// A string, an integer or a boolean, as text.
    private mutating func scalar() -> String? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return literal("true") ? "true" : nil
        case UInt8(ascii: "f"): return literal("false") ? "false" : nil
        default: return integer().map { String($0) }
        }
    }

    /// `-?[0-9]+` that fits an `Int64`, followed by neither a fraction nor an exponent.
    private mutating func integer() -> Int64? {
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digitsStart = index
        // Summed negatively: Int64.min has no positive counterpart.
        var value: Int64 = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            let (times10, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = times10.subtractingReportingOverflow(Int64(bytes[index] - 0x30))
            guard !overflowA, !overflowB else { return nil }
            value = next
            index += 1
        }
        let digits = index - digitsStart
        guard digits > 0, !(digits > 1 && bytes[digitsStart] == 0x30) else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// A JSON string of printable ASCII with JSON's escapes (what `encoded()` writes).
    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            guard (0x20...0x7E).contains(bytes[index]) else { return nil }
            if bytes[index] == UInt8(ascii: "\\") { return escapedString(from: start) }
            index += 1
        }
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// The rest of a string that holds escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) -> String? {
        var scalars = String.UnicodeScalarView()
        var position = start
        var pendingHigh: UInt32?
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            let byte = bytes[position]
            guard (0x20...0x7E).contains(byte) else { return nil }
            guard byte == UInt8(ascii: "\\") else {
                guard pendingHigh == nil else { return nil }
                scalars.append(Unicode.Scalar(byte))
                position += 1
                continue
            }
            guard position + 1 < bytes.count else { return nil }
            let escape = bytes[position + 1]
            position += 2
            let simple: UInt8? =
                switch escape {
                case UInt8(ascii: "\""): 0x22
                case UInt8(ascii: "\\"): 0x5C
                case UInt8(ascii: "/"): 0x2F
                case UInt8(ascii: "b"): 0x08
                case UInt8(ascii: "f"): 0x0C
                case UInt8(ascii: "n"): 0x0A
                case UInt8(ascii: "r"): 0x0D
                case UInt8(ascii: "t"): 0x09
                default: nil
                }
            if let simple {
                guard pendingHigh == nil else { return nil }
                scalars.append(Unicode.Scalar(simple))
                continue
            }
            guard escape == UInt8(ascii: "u"), position + 4 <= bytes.count, let unit = hexUnit(at: position) else { return nil }
            position += 4
            switch (pendingHigh, unit) {
            case (nil, 0xD800...0xDBFF): pendingHigh = unit
            case (let high?, 0xDC00...0xDFFF):
                pendingHigh = nil
                guard let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)) else { return nil }
                scalars.append(scalar)
            case (nil, _):
                guard let scalar = Unicode.Scalar(unit) else { return nil }  // a lone low surrogate: parse in full
                scalars.append(scalar)
            default: return nil
            }
        }
        guard position < bytes.count, pendingHigh == nil else { return nil }
        index = position + 1
        return String(scalars)
    }

    /// The four hex digits of a `\u` escape at `position`: digits only (`UInt32(_:radix:)` would
    /// take a sign, and costs a String each time).
    private func hexUnit(at position: Int) -> UInt32? {
        var unit: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt32(digit)
        }
        return unit
    }
}
