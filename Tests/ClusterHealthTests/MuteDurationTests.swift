import ClusterHealth
import Testing

/// Durations as people type them, in the dashboard's prompt and in `health mute --for`.
@Suite struct MuteDurationTests {
    @Test func durationsReadAsPeopleTypeThem() throws {
        #expect(try MuteDuration(parsing: "30m").seconds == 1800)
        #expect(try MuteDuration(parsing: " 2H ").seconds == 7200)
        #expect(try MuteDuration(parsing: "1d").seconds == 86400)
        #expect(try MuteDuration(parsing: "1h30m").seconds == 5400)
        #expect(try MuteDuration(parsing: "90").seconds == 90)  // seconds
        #expect(try MuteDuration(parsing: "1w").seconds == 604_800)
        for bad in ["", "0m", "m", "1x", "-1h", "1.5h", "h1"] {
            #expect(throws: MuteDuration.ParseError.self) { try MuteDuration(parsing: bad) }
        }
        let tooLong = #expect(throws: MuteDuration.ParseError.self) { try MuteDuration(parsing: "400d") }
        #expect(tooLong?.description == "at most 365d (acknowledging a problem closes it instead)")
        #expect(throws: MuteDuration.ParseError.self) { try MuteDuration(parsing: "99999999999999999999999w") }
    }
}
