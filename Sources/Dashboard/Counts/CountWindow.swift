/// The span of time the counts view counts: the last 10 minutes, hour or day, or every event held.
enum CountWindow: CaseIterable, Equatable {
    case tenMinutes, hour, day, allHeld

    /// Its length in milliseconds; nil for every event held.
    var millis: Int64? {
        switch self {
        case .tenMinutes: 600_000
        case .hour: 3_600_000
        case .day: 86_400_000
        case .allHeld: nil
        }
    }

    /// The key that chooses it.
    var key: Character {
        switch self {
        case .tenMinutes: "1"
        case .hour: "2"
        case .day: "3"
        case .allHeld: "4"
        }
    }

    var label: String {
        switch self {
        case .tenMinutes: "10m"
        case .hour: "1h"
        case .day: "24h"
        case .allHeld: "all held"
        }
    }

    var title: String {
        switch self {
        case .tenMinutes: "last 10 minutes"
        case .hour: "last hour"
        case .day: "last 24 hours"
        case .allHeld: "every event held"
        }
    }
}
