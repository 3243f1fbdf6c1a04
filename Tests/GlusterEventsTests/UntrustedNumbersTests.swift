import Foundation
import GlusterEvents
import Testing

/// Numbers from outside can be anything an Int64 holds: arithmetic on them saturates, never traps.
@Suite struct UntrustedNumbersTests {
    @Test func saturatingArithmeticHoldsAtTheBounds() {
        #expect(Int64.max.saturatingMultiplied(by: 1000) == .max)
        #expect(Int64.min.saturatingMultiplied(by: 1000) == .min)
        #expect((-Int64.max).saturatingMultiplied(by: -1000) == .max)
        #expect(Int64(1_700_000_000).saturatingMultiplied(by: 1000) == 1_700_000_000_000)
        #expect(Int64.max.saturatingAdding(30) == .max)
        #expect(Int64.min.saturatingAdding(-1) == .min)
        #expect(Int64(0).saturatingSubtracting(.min) == .max)
        #expect(Int64.min.saturatingSubtracting(1) == .min)
        #expect(Int64(5).saturatingSubtracting(7) == -2)
    }

    /// Foundation hands 19-digit negative integers over as decimals: they are still read exactly
    /// (a datagram's ts of -1011700000070000000 came back from its own webhook body as a fraction).
    @Test func largeNegativeIntegersReadBackExactly() throws {
        for value in [Int64.min, -1_011_700_000_070_000_001, -1_000_000_000_000_000_000, Int64.max] {
            #expect(try JSONValue.parse("[\(value)]").arrayValues?.first == .int(value))
        }
        #expect(try JSONValue.parse("[-1.5]").arrayValues?.first == .double(-1.5))
    }

    /// The review's JWT: `exp` near 2^63 crashed the engine ("arithmetic overflow") when checked.
    @Test func aTokenExpiringAtTheEndOfTimeIsCheckedWithoutTrapping() throws {
        for expiry in [Int64.max, Int64.max - 5] {
            let claims = #"{"exp":\#(expiry),"iat":1,"iss":"gluster","sub":"VOLUME_CREATE"}"#
            let token = Self.sign(claims: claims, secret: "shared")
            #expect(try JWT.verify(token, secret: "shared", now: 1_700_000_000).get()["exp"]?.intValue == expiry)
        }
        let expired = Self.sign(claims: #"{"exp":\#(Int64.min),"iat":1}"#, secret: "shared")
        #expect(JWT.verify(expired, secret: "shared", now: 1_700_000_000).refusal != nil)
    }

    private static func sign(claims: String, secret: String) -> String { JWT.signed(claims: claims, secret: secret) }
}
