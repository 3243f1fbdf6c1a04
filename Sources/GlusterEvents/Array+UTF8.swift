extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes with one copy (the generic `append(contentsOf:)` over a
    /// `String.UTF8View` goes byte by byte, which shows on the ingest hot path).
    @inlinable
    public mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
