import GlusterEvents

/// How long to mute a problem, as a person writes it (the dashboard's prompt, `health mute --for`):
/// `90s`, `30m`, `2h`, `1d`, `1w`, `1h30m`; a bare number is seconds.
public struct MuteDuration: Sendable, Equatable, CustomStringConvertible {
    public let seconds: Double
    /// What was typed, trimmed (`1h`).
    public let description: String

    public static let `default` = MuteDuration(seconds: 3600, description: "1h")
    /// A year: a longer mute is a mistake (acknowledge the problem instead).
    public static let longest: Double = 365 * 86400

    private init(seconds: Double, description: String) {
        self.seconds = seconds
        self.description = description
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingWhitespace().lowercased()
        let why = ParseError(description: "\(trimmed.isEmpty ? "no duration" : "\(trimmed)?"): say 30m, 2h, 1d or 1h30m")
        var total = 0.0
        var digits = ""
        for character in trimmed {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let count = Double(digits), let unit = Self.units[character] else { throw why }
            total += count * unit
            digits = ""
        }
        if let seconds = Double(digits) { total += seconds }
        guard total > 0 else { throw why }
        guard total <= Self.longest else { throw ParseError(description: "at most 365d (acknowledging a problem closes it instead)") }
        self.init(seconds: total, description: trimmed)
    }

    private static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
}
