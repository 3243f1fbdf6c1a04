import Foundation

/// The first bytes of a response body, kept while libcurl reads it (the rest is read and dropped):
/// what a failing webhook answered, for the operator. Bounded whatever the server sends; it
/// reaches a terminal only escaped.
final class ResponseExcerpt {
    /// How much of a body is kept.
    static let maxBytes = 512

    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(Self.maxBytes) }

    /// Empties it for the next response (the handle it belongs to is reused).
    func reset() { bytes.removeAll(keepingCapacity: true) }

    /// Takes the next piece of the body; keeps what still fits.
    func append(_ piece: UnsafeRawBufferPointer) {
        let room = Self.maxBytes - bytes.count
        if room > 0 { bytes.append(contentsOf: piece.prefix(room)) }
    }

    /// The kept bytes as text (invalid UTF-8 repaired), nil when the body was empty.
    var text: String? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
