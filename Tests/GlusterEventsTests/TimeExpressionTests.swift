import Foundation
import GlusterEvents
import Testing

/// `tail --since/--until` and the dashboard's jump to a time read times as an admin types them;
/// what they name depends only on the now and time zone given.
@Suite struct TimeExpressionTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// 2026-11-30 15:30:00 in Berlin (CET, UTC+1).
    static let now = Date(timeIntervalSince1970: 1_796_049_000)

    static func seconds(_ text: String, now: Date = now, timeZone: TimeZone = berlin) throws -> Int64 {
        try TimeExpression(parsing: text).seconds(now: now, timeZone: timeZone)
    }

    @Test func howLongAgo() throws {
        let now: Int64 = 1_796_049_000
        #expect(try Self.seconds("30s") == now - 30)
        #expect(try Self.seconds("10m") == now - 600)
        #expect(try Self.seconds("-10m") == now - 600)
        #expect(try Self.seconds("2h") == now - 7200)
        #expect(try Self.seconds("3d") == now - 3 * 86400)
        #expect(try Self.seconds("1w") == now - 7 * 86400)
        #expect(try Self.seconds("1h30m") == now - 5400)
        #expect(try Self.seconds(" 10M ") == now - 600)
        #expect(try TimeExpression(parsing: " 10m ").description == "10m")
    }

    @Test func localDatesAndTimes() throws {
        #expect(try Self.seconds("2026-11-30") == 1_795_993_200)  // midnight, Berlin
        #expect(try Self.seconds("2026-11-30T14:02") == 1_796_043_720)
        #expect(try Self.seconds("2026-11-30T14:02:05") == 1_796_043_725)
        #expect(try Self.seconds("2026-11-30 14:02:05") == 1_796_043_725)  // as tail prints it
        #expect(try Self.seconds("2024-02-29") == 1_709_161_200)
        #expect(try Self.seconds("2026-11-30T14:02", timeZone: TimeZone(identifier: "UTC")!) == 1_796_047_320)
    }

    @Test func timesOfDayAreTodayOrYesterday() throws {
        #expect(try Self.seconds("14:02") == 1_796_043_720)
        #expect(try Self.seconds("14:02:05") == 1_796_043_725)
        #expect(try Self.seconds("today 14:02") == 1_796_043_720)
        #expect(try Self.seconds("yesterday 18:00") == 1_795_971_600)
        #expect(try Self.seconds("Yesterday") == 1_795_906_800)
        #expect(try Self.seconds("today") == 1_795_993_200)
        // A time still to come today is today's, not yesterday's.
        #expect(try Self.seconds("18:00") == 1_796_058_000)
        // Yesterday across the switch to summer time (29 March 2026): its 18:00 was CET.
        #expect(try Self.seconds("yesterday 18:00", now: Date(timeIntervalSince1970: 1_774_771_200)) == 1_774_717_200)
    }

    @Test(arguments: [
        "", "10", "m", "-", "+10m", "10x", "1h30", "ten minutes", "25:00", "14:60", "14:2", "1402", "2026-13-01",
        "2026-02-29", "2026-11-31", "26-11-30", "2026-11-30T", "2026-11-30X14:02", "2026-11-30T14", "tomorrow",
        "today 25:00", "yesterday 18:00 extra", "١٠m",
    ])
    func anythingElseIsRefusedWithTheFormsThatAreAccepted(text: String) {
        #expect(throws: TimeExpression.ParseError.self) { try TimeExpression(parsing: text) }
        do {
            _ = try TimeExpression(parsing: text)
        } catch {
            #expect(error.description.contains("say 10m, 2h, 3d"))
            #expect(error.description.contains("2026-11-30T14:02"))
            #expect(error.description.contains("yesterday 18:00"))
        }
    }

    /// Outside input: a number past Int64 saturates, it never traps.
    @Test func hugeNumbersSaturate() throws {
        #expect(try Self.seconds("99999999999d") == 1_796_049_000 - 99_999_999_999 * 86400)
        #expect(try Self.seconds("999999999999999999999999w") == 1_796_049_000 - Int64.max)
        #expect(try Self.seconds("9999999999999999999s9999999999999999999w") == 1_796_049_000 - Int64.max)
        #expect(try Self.seconds("9999-12-31T23:59:59") > 1_796_049_000)
        #expect(try Self.seconds("0001-01-01") < 0)
    }
}
