/// An event name, or a shell-style pattern of them (`VOLUME_*`, `BRICK_?ISCONNECTED`), matched
/// without regard to case or an `EVENT_` prefix.
public struct EventNamePattern: Sendable, Equatable, CustomStringConvertible {
    private let pattern: [UInt8]
    public let description: String

    public init(_ text: String) {
        var normalized = text.trimmingWhitespace().uppercased()
        if normalized.hasPrefix("EVENT_") { normalized.removeFirst("EVENT_".count) }
        description = normalized
        pattern = Array(normalized.utf8)
    }

    public func matches(_ name: String) -> Bool {
        Self.match(pattern[...], Array(name.uppercased().utf8)[...])
    }

    /// Glob matching with `*` (any run) and `?` (one character), iterative with one backtrack point.
    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var star: (p: Int, t: Int)? = nil
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if p < pattern.endIndex, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let backtrack = star {
                p = backtrack.p + 1
                t = backtrack.t + 1
                star = (backtrack.p, backtrack.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }
}
