import GlusterEvents
import Testing

@Suite struct ByteCountTests {
    /// One decimal, rounded as printf's `%.1f` (half to even), which it replaced.
    @Test func oneDecimalAsPrintfRoundsIt() {
        #expect(ByteCount.text(0) == "0 B")
        #expect(ByteCount.text(1023) == "1023 B")
        #expect(ByteCount.text(1024) == "1.0 KiB")
        #expect(ByteCount.text(1280) == "1.2 KiB")  // 1.25: half to even
        #expect(ByteCount.text(1331) == "1.3 KiB")
        #expect(ByteCount.text(1024 * 1024 - 1) == "1024.0 KiB")
        #expect(ByteCount.text(5 * 1024 * 1024 * 1024 + 400 * 1024 * 1024) == "5.4 GiB")
        #expect(ByteCount.text(.max) == "8388608.0 TiB")
        #expect(ByteCount.text(-5) == "-5 B")
    }
}
