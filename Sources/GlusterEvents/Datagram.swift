/// The wire format of `gf_event()`: one UDP datagram per event, `<ts> <type> <detail>`, where
/// `detail` is `key=value` pairs joined by `;`.
///
/// Parsing is deliberately more tolerant than glustereventsd: values may contain `=` (split on the
/// first one), white space around keys is trimmed, empty pairs are skipped, a pair without `=` is a
/// key with an empty value, an empty detail is valid, unknown event numbers are kept, and bytes that
/// are not UTF-8 are kept as `\xNN` escapes.
public enum Datagram {
    /// The largest UDP payload over IPv4.
    public static let maximumSize = 65_507

    /// Parses one datagram's payload.
    public static func parse(_ bytes: some Collection<UInt8>) -> Result<GlusterEvent, DatagramRejection> {
        if let result = bytes.withContiguousStorageIfAvailable(parse(buffer:)) { return result }
        return Array(bytes).withUnsafeBufferPointer(parse(buffer:))
    }

    /// Builds the datagram `gf_event()` would send for these fields.
    public static func encode(timestamp: Int64, type: Int, fields: [(key: String, value: String)]) -> [UInt8] {
        let detail = fields.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        return Array("\(timestamp) \(type) \(detail)".utf8)
    }

    // The parser works on indices into the receive buffer and makes a String only per key and
    // value: it runs for every datagram.
    private static func parse(buffer all: UnsafeBufferPointer<UInt8>) -> Result<GlusterEvent, DatagramRejection> {
        var start = 0
        var end = all.count
        // glustereventsd strips the datagram; C senders may add a NUL terminator.
        while start < end, isBlank(all[start]) { start += 1 }
        while end > start, isBlank(all[end - 1]) || all[end - 1] == 0 { end -= 1 }
        guard start < end else { return .failure(.empty) }

        let tsEnd = index(of: 0x20, in: all, from: start, to: end)
        guard let ts = parseInteger(all, start, tsEnd, allowSign: true) else {
            return .failure(.nonNumericTimestamp)
        }
        guard tsEnd < end else { return .failure(.missingEventType) }
        let typeStart = tsEnd + 1
        let typeEnd = index(of: 0x20, in: all, from: typeStart, to: end)
        guard typeStart < typeEnd else { return .failure(.missingEventType) }
        guard let type = parseInteger(all, typeStart, typeEnd, allowSign: false), type <= Int64(Int32.max) else {
            return .failure(.nonNumericEventType)
        }
        let fields = typeEnd < end ? parseDetail(all, from: typeEnd + 1, to: end) : []
        return .success(GlusterEvent(timestamp: ts, type: Int(type), rawFields: fields))
    }

    private static func index(of byte: UInt8, in all: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        while i < to && all[i] != byte { i += 1 }
        return i
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A decimal integer that fits Int64, with an optional leading `-` when `allowSign`.
    private static func parseInteger(_ all: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, allowSign: Bool) -> Int64? {
        var i = from
        var negative = false
        if allowSign, i < to, all[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < to, to - i <= 19 else { return nil }
        var value: Int64 = 0
        while i < to {
            let byte = all[i]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(byte - 0x30))
            guard !o1, !o2 else { return nil }
            value = a
            i += 1
        }
        return negative ? -value : value
    }

    private static func parseDetail(_ all: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = []
        var pairStart = from
        while pairStart < to {
            let pairEnd = index(of: UInt8(ascii: ";"), in: all, from: pairStart, to: to)
            let eq = index(of: UInt8(ascii: "="), in: all, from: pairStart, to: pairEnd)
            var keyStart = pairStart
            var keyEnd = eq
            while keyStart < keyEnd, isBlank(all[keyStart]) { keyStart += 1 }
            while keyEnd > keyStart, isBlank(all[keyEnd - 1]) { keyEnd -= 1 }
            let valueStart = min(eq + 1, pairEnd)
            if keyStart < keyEnd || valueStart < pairEnd {
                fields.append(
                    (text(UnsafeBufferPointer(rebasing: all[keyStart..<keyEnd])),
                     text(UnsafeBufferPointer(rebasing: all[valueStart..<pairEnd]))))
            }
            pairStart = pairEnd + 1
        }
        return fields
    }

    /// A String from bytes: directly for ASCII (the usual case), else keeping invalid bytes escaped.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return decodeKeepingInvalidBytes(bytes)
    }

    /// UTF-8 text, with each byte that is not part of valid UTF-8 written as `\xNN`.
    public static func decodeKeepingInvalidBytes(_ bytes: some Collection<UInt8>) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = String.UnicodeScalarView()
        var pending = Array(bytes)[...]
        while !pending.isEmpty {
            var decoder = UTF8()
            var front = pending.makeIterator()
            if case .scalarValue(let scalar) = decoder.decode(&front) {
                out.append(scalar)
                pending = pending.dropFirst(UTF8.width(scalar))
            } else {
                out.append(contentsOf: "\\x\(hex(pending.first!))".unicodeScalars)
                pending = pending.dropFirst()
            }
        }
        return String(out)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
