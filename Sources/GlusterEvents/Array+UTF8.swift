extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes with one copy (the generic `append(contentsOf:)` over a
    /// `String.UTF8View` goes byte by byte, which shows on the ingest hot path).
    @inlinable
    public mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` in decimal without making a String (numbers go into every log line and body).
    public mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            appendDecimal(UInt64(value.magnitude))
        } else {
            appendDecimal(UInt64(value))
        }
    }

    public mutating func appendDecimal(_ value: UInt64) {
        guard value >= 10 else {
            append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var rest = value
        let start = count
        while rest > 0 {
            append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        self[start...].reverse()
    }
}
