import struct Foundation.Calendar
import struct Foundation.Date
import struct Foundation.DateComponents
import struct Foundation.TimeZone

/// A point in time as an admin types it (`tail --since/--until`, the dashboard's jump to a time):
///
/// - how long ago: `30s`, `10m`, `2h`, `3d`, `1w`, or several, `1h30m`; a leading `-` reads the
///   same (`-10m`);
/// - a local date and time, as ISO 8601 writes it or as `tail` prints it: `2026-11-30` (its
///   midnight), `2026-11-30T14:02`, `2026-11-30T14:02:05`, `2026-11-30 14:02`;
/// - a local time of day: `14:02`, `14:02:05` (today, even when that is still to come),
///   `today 14:02`, `yesterday 18:00`; `today` and `yesterday` alone are their midnight.
///
/// A time without seconds is at its minute's start. Parsing needs nothing but the text; what time
/// it names is worked out against a given now and time zone (`seconds(now:timeZone:)`), so the
/// same expression reads the same in tests. Numbers are the user's: a huge one saturates
/// (`99999999999d` is simply before any event), it never traps.
public struct TimeExpression: Sendable, Equatable, CustomStringConvertible {
    public enum Form: Sendable, Equatable {
        /// That many seconds before now.
        case ago(seconds: Int64)
        /// A wall-clock time on a day.
        case local(day: Day, hour: Int, minute: Int, second: Int)
    }

    public enum Day: Sendable, Equatable {
        case date(year: Int, month: Int, day: Int)
        /// Days from today: 0 today, -1 yesterday.
        case fromToday(Int)
    }

    public let form: Form
    /// What was typed, trimmed.
    public let description: String

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The forms accepted, for an error message or a help text.
    public static let acceptedForms =
        "10m, 2h, 3d (that long ago; also 30s, 1w, 1h30m, -10m), 2026-11-30, 2026-11-30T14:02[:05], "
        + "14:02 (today), today 14:02, yesterday 18:00"

    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingWhitespace()
        description = trimmed
        let lowered = trimmed.lowercased()
        func failure(_ why: String) -> ParseError { ParseError(description: "\(why): say \(Self.acceptedForms)") }
        let notATime = failure(trimmed.isEmpty ? "no time given" : "'\(trimmed)' is not a time")

        let words = lowered.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = words.first, let offset = Self.dayWords[first] {
            guard words.count <= 2 else { throw notATime }
            var time = (0, 0, 0)
            if words.count == 2 {
                guard let read = try Self.timeOfDay(words[1], failure) else { throw notATime }
                time = read
            }
            form = .local(day: .fromToday(offset), hour: time.0, minute: time.1, second: time.2)
        } else if let ago = Self.ago(lowered) {
            form = .ago(seconds: ago)
        } else if let time = try Self.timeOfDay(lowered, failure) {
            form = .local(day: .fromToday(0), hour: time.0, minute: time.1, second: time.2)
        } else if let dateTime = try Self.dateAndTime(lowered, failure) {
            form = dateTime
        } else {
            throw notATime
        }
    }

    /// The Unix time (whole seconds) named, with `now` and the local `timeZone` (Gregorian).
    public func seconds(now: Date, timeZone: TimeZone) -> Int64 {
        let nowSeconds = Self.wholeSeconds(now)
        let (day, hour, minute, second): (Day, Int, Int, Int)
        switch form {
        case .ago(let seconds): return nowSeconds.saturatingSubtracting(seconds)
        case .local(let onDay, let h, let m, let s): (day, hour, minute, second) = (onDay, h, m, s)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var components: DateComponents
        switch day {
        case .date(let year, let month, let dayOfMonth):
            components = DateComponents(year: year, month: month, day: dayOfMonth)
        case .fromToday(let offset):
            let today = calendar.startOfDay(for: now)
            let day = calendar.date(byAdding: .day, value: offset, to: today) ?? today
            components = calendar.dateComponents([.year, .month, .day], from: day)
        }
        components.hour = hour
        components.minute = minute
        components.second = second
        guard let date = calendar.date(from: components) else { return nowSeconds }
        return Self.wholeSeconds(date)
    }

    private static let dayWords = ["today": 0, "yesterday": -1]
    private static let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]

    /// `10m`, `1h30m`, `-2d`: seconds, saturated; nil when the text is not of that form.
    private static func ago(_ text: String) -> Int64? {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        var total: Int64 = 0
        var number: Int64?
        for character in rest {
            if let digit = character.asciiDigit {
                number = (number ?? 0).saturatingMultiplied(by: 10).saturatingAdding(Int64(digit))
            } else if let unit = units[character], let count = number {
                total = total.saturatingAdding(count.saturatingMultiplied(by: unit))
                number = nil
            } else {
                return nil
            }
        }
        return rest.isEmpty || number != nil ? nil : total
    }

    /// `14:02` or `14:02:05`; nil when the text is not of that form, an error when it is but out
    /// of range (`25:00`).
    private static func timeOfDay(_ text: String, _ failure: (String) -> ParseError) throws(ParseError) -> (Int, Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), (1...2).contains(parts[0].count),
            parts.dropFirst().allSatisfy({ $0.count == 2 })
        else { return nil }
        let numbers = parts.compactMap(number)
        guard numbers.count == parts.count else { return nil }
        let (hour, minute, second) = (numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 0)
        guard hour < 24, minute < 60, second < 60 else { throw failure("'\(text)' is not a time of day (00:00 to 23:59:59)") }
        return (hour, minute, second)
    }

    /// `2026-11-30`, then a time after `T` or spaces; nil when the text does not start as a date.
    private static func dateAndTime(_ text: String, _ failure: (String) -> ParseError) throws(ParseError) -> Form? {
        let datePart = text.prefix(10)
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = number(parts[0]), let month = number(parts[1]), let day = number(parts[2])
        else { return nil }
        guard year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            throw failure("'\(datePart)' is not a date (year-month-day)")
        }
        let rest = text.dropFirst(10)
        var time = (0, 0, 0)
        if let separator = rest.first {
            let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
            guard separator == "t" || isSpace(separator),
                let read = try timeOfDay(String(separator == "t" ? rest.dropFirst() : rest.drop(while: isSpace)), failure)
            else { return nil }
            time = read
        }
        return .local(day: .date(year: year, month: month, day: day), hour: time.0, minute: time.1, second: time.2)
    }

    /// ASCII digits only (no sign, no spaces), at most 4 of them.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 4 else { return nil }
        var value = 0
        for character in text {
            guard let digit = character.asciiDigit else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func wholeSeconds(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return 0 }
        if seconds >= 9.2e18 { return .max }
        if seconds <= -9.2e18 { return .min }
        return Int64(seconds)
    }
}

extension Character {
    /// 0–9 for an ASCII digit (not other scripts' digits).
    fileprivate var asciiDigit: Int? {
        guard let ascii = asciiValue, (0x30...0x39).contains(ascii) else { return nil }
        return Int(ascii - 0x30)
    }
}
