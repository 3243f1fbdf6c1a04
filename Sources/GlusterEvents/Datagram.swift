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
        let all = Array(bytes)
        var start = 0
        var end = all.count
        // glustereventsd strips the datagram; C senders may add a NUL terminator.
        while start < end, isBlank(all[start]) { start += 1 }
        while end > start, isBlank(all[end - 1]) || all[end - 1] == 0 { end -= 1 }
        guard start < end else { return .failure(.empty) }

        let tsEnd = all[start..<end].firstIndex(of: 0x20) ?? end
        guard let ts = parseInteger(all[start..<tsEnd], allowSign: true) else {
            return .failure(.nonNumericTimestamp)
        }
        guard tsEnd < end else { return .failure(.missingEventType) }
        let typeStart = tsEnd + 1
        let typeEnd = all[typeStart..<end].firstIndex(of: 0x20) ?? end
        guard typeStart < typeEnd else { return .failure(.missingEventType) }
        guard let type = parseInteger(all[typeStart..<typeEnd], allowSign: false), type <= Int64(Int32.max) else {
            return .failure(.nonNumericEventType)
        }
        let detail = typeEnd < end ? all[(typeEnd + 1)..<end] : []
        return .success(GlusterEvent(timestamp: ts, type: Int(type), rawFields: parseDetail(detail)))
    }

    /// Builds the datagram `gf_event()` would send for these fields.
    public static func encode(timestamp: Int64, type: Int, fields: [(key: String, value: String)]) -> [UInt8] {
        let detail = fields.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        return Array("\(timestamp) \(type) \(detail)".utf8)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A decimal integer that fits Int64, with an optional leading `-` when `allowSign`.
    private static func parseInteger(_ digits: ArraySlice<UInt8>, allowSign: Bool) -> Int64? {
        var slice = digits
        var negative = false
        if allowSign, slice.first == UInt8(ascii: "-") {
            negative = true
            slice = slice.dropFirst()
        }
        guard !slice.isEmpty, slice.count <= 19 else { return nil }
        var value: Int64 = 0
        for byte in slice {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(byte - 0x30))
            guard !o1, !o2 else { return nil }
            value = a
        }
        return negative ? -value : value
    }

    private static func parseDetail(_ detail: ArraySlice<UInt8>) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = []
        for pair in detail.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: true) {
            let key: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let eq = pair.firstIndex(of: UInt8(ascii: "=")) {
                key = pair[pair.startIndex..<eq]
                value = pair[(eq + 1)...]
            } else {
                key = pair
                value = []
            }
            let trimmedKey = key.drop(while: isBlank).reversed().drop(while: isBlank).reversed()
            if trimmedKey.isEmpty && value.isEmpty { continue }
            fields.append((decodeKeepingInvalidBytes(Array(trimmedKey)), decodeKeepingInvalidBytes(value)))
        }
        return fields
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
