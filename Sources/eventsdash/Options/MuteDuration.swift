import ArgumentParser

/// How long a mute lasts, as a person writes it: `90` or `90s`, `30m`, `1h`, `2d`, `1w`.
struct MuteDuration: ExpressibleByArgument, CustomStringConvertible {
    let seconds: Double
    let description: String

    /// A year at most: a mute is for a while; acknowledge a problem that is dealt with.
    static let maxSeconds = 366 * 86400.0

    static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400]

    init?(argument: String) {
        let unit = argument.last.flatMap { Self.units[$0] }
        guard let count = Int(unit == nil ? argument : String(argument.dropLast())), count > 0,
            Double(count) * (unit ?? 1) <= Self.maxSeconds
        else { return nil }
        seconds = Double(count) * (unit ?? 1)
        description = argument
    }
}
