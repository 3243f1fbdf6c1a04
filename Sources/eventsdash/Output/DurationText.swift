import Foundation

/// A duration as people read it, the same wherever the CLI prints one: `0.2 ms`, `12 ms`, `1.3 s`,
/// `2 min 5 s`, `3 h 20 min` (a tenth where the number is small, whole units otherwise).
enum DurationText {
    static func text(seconds: Double) -> String {
        let seconds = seconds.isFinite ? max(0, seconds) : 0
        let millis = seconds * 1000
        if millis < 0.05 { return seconds == 0 ? "0 ms" : "< 0.1 ms" }
        if millis < 9.95 { return String(format: "%.1f ms", millis) }
        if millis < 999.5 { return String(format: "%.0f ms", millis) }
        if seconds < 59.95 { return String(format: "%.1f s", seconds) }
        let whole = Int(min(seconds.rounded(), Double(Int.max / 2)))
        if whole < 3600 { return whole % 60 == 0 ? "\(whole / 60) min" : "\(whole / 60) min \(whole % 60) s" }
        let minutes = (whole + 30) / 60
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    static func text(milliseconds: Double) -> String { text(seconds: milliseconds / 1000) }
}
