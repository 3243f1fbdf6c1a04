import GlusterEvents
import Testing

@Suite struct AppendDecimalTests {
    @Test(arguments: [Int64(0), 7, 10, -1, 1_700_000_000, Int64.max, Int64.min])
    func writesWhatStringWrites(value: Int64) {
        var bytes: [UInt8] = Array("x".utf8)
        bytes.appendDecimal(value)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(value))
    }

    @Test func unsigned() {
        var bytes: [UInt8] = []
        bytes.appendDecimal(UInt64.max)
        #expect(String(decoding: bytes, as: UTF8.self) == String(UInt64.max))
    }
}
