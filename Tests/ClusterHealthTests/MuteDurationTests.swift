import ClusterHealth
import GlusterEvents
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

/// People's decisions, kept across restarts, are bounded however many a file holds.
@Suite struct HealthDecisionsBoundsTests {
    @Test func theNewestTenThousandMutesAndAcknowledgementsAreKept() throws {
        let mutes = (0..<12_000).map { ("brick-down/h:/b\($0)", JSONValue.object([("at", .double(Double($0))), ("until", .double(1e12))])) }
        let acknowledged = (0..<12_000).map { ("split-brain/s:/f\($0)", JSONValue.double(Double($0))) }
        var decisions = HealthDecisions(json: .object([("mutes", .object(mutes)), ("acknowledged", .object(acknowledged))]))
        #expect(decisions.mutes.count == HealthDecisions.maxEach && decisions.acknowledged.count == HealthDecisions.maxEach)
        #expect(decisions.mutes["brick-down/h:/b11999"] != nil && decisions.mutes["brick-down/h:/b1999"] == nil)
        decisions.record(.mute(try #require(ProblemID("brick-down/h:/new")), seconds: 60), at: 20_000)
        #expect(decisions.mutes.count == HealthDecisions.maxEach && decisions.mutes["brick-down/h:/new"] != nil)
        #expect(decisions.mutes["brick-down/h:/b2000"] == nil)  // the oldest made way
    }
}
