/// An event name, or a shell-style pattern of them (`VOLUME_*`, `BRICK_?ISCONNECTED`), matched
/// without regard to case or an `EVENT_` prefix.
public struct EventNamePattern: Sendable, Equatable, CustomStringConvertible {
    private let glob: Glob
    public let description: String

    public init(_ text: String) {
        var normalized = text.trimmingWhitespace().uppercased()
        if normalized.hasPrefix("EVENT_") { normalized.removeFirst("EVENT_".count) }
        description = normalized
        glob = Glob(normalized)
    }

    public func matches(_ name: String) -> Bool { glob.matches(name) }
}
