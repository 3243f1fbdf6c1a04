/// What a word of a filter tells about an event's raw JSON body before it is decoded: text that
/// must be in it (no case) for the word to match, as alternatives (`volume:gv0,gv1`: `gv0`, or
/// `gv1`). An event whose body holds none of them is rejected without decoding it, which is what
/// makes a filter over a full ring fast.
///
/// Only sound where the body's text is its decoded text: a body with no escapes (`\`) and only
/// ASCII (`mayHold` answers true otherwise). A piece is taken only where it must lie within one
/// JSON string, key or literal (no quote, space, comma, bracket, brace or colon), and where it cannot
/// lie within a number (which a body may write otherwise than it decodes: `1e3`, `1000.0`).
struct RequiredText: Equatable, Sendable {
    /// Each alternative's pieces, lowercased ASCII; all pieces of one alternative must be present.
    let alternatives: [[[UInt8]]]

    /// From the literal parts of what a word matches; nil when one alternative requires nothing.
    init?(anyOf texts: [String]) {
        var alternatives: [[[UInt8]]] = []
        for text in texts {
            let pieces = Self.pieces(text)
            guard !pieces.isEmpty else { return nil }
            alternatives.append(pieces)
        }
        guard !alternatives.isEmpty else { return nil }
        self.alternatives = alternatives
    }

    private static let separators = Set("*?=:, \"\\[]{}".utf8)
    private static let numberBytes = Set("0123456789.eE+-".utf8)

    private static func pieces(_ text: String) -> [[UInt8]] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return [] }
        return text.utf8.split(whereSeparator: separators.contains)
            .map { $0.map(Self.lowered) }
            .filter { piece in piece.contains { !numberBytes.contains($0) } }
    }

    /// Whether a body may match: true unless it is plain ASCII without escapes and holds no
    /// alternative whole.
    func mayHold(_ body: String) -> Bool {
        var body = body
        return body.withUTF8 { mayHold(bytes: $0) }
    }

    /// `mayHold` of a body's UTF-8 bytes (as the log holds them).
    func mayHold(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\\") }) else { return true }
        return alternatives.contains { pieces in pieces.allSatisfy { Self.contains(bytes, $0) } }
    }

    /// Whether `bytes` hold `piece` (lowercase), ASCII letters in any case.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ piece: [UInt8]) -> Bool {
        guard let first = piece.first, piece.count <= bytes.count else { return piece.isEmpty }
        var start = 0
        let last = bytes.count - piece.count
        while start <= last {
            if lowered(bytes[start]) == first {
                var offset = 1
                while offset < piece.count, lowered(bytes[start + offset]) == piece[offset] { offset += 1 }
                if offset == piece.count { return true }
            }
            start += 1
        }
        return false
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
