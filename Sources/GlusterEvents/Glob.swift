/// A shell-style pattern, `*` for any run of characters and `?` for one, matched against UTF-8
/// bytes without regard to ASCII case.
public struct Glob: Sendable, Equatable {
    private let pattern: [UInt8]

    public init(_ pattern: String) { self.pattern = Array(pattern.utf8).map(Self.folded) }

    /// Whether the pattern has `*` or `?` (otherwise it matches only the same text).
    public var hasWildcards: Bool { pattern.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") } }

    public func matches(_ text: String) -> Bool {
        var text = Array(text.utf8)
        for i in text.indices { text[i] = Self.folded(text[i]) }
        var p = 0
        var t = 0
        var backtrack: (p: Int, t: Int)? = nil
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                backtrack = (p, t)
                p += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star = backtrack {
                p = star.p + 1
                t = star.t + 1
                backtrack = (star.p, star.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
    }
}
