import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// The human-readable events log glustereventsd keeps (`/var/log/glusterfs/events.log`): one line
/// per published event, unless config `disable-events-log` is true. It is only for reading; the
/// durable event log is the record eventsdash delivers from.
///
/// Lines are gathered and written at most every `flushInterval` (or per 256 KiB), which halves the
/// write cost at full ingest rate; `flush()` writes what is pending.
public final class HumanEventsLog {
    public static let flushInterval = 0.1
    public let path: String
    private var fd: Int32 = -1
    /// The formatted local time of `cachedSecond`: formatting once a second, not once an event.
    private var cachedSecond: Int64 = -1
    private var cachedTime = ""
    private var pending: [UInt8] = []
    private var pendingSince: Double?

    public init(path: String) { self.path = path }

    deinit { if fd >= 0 { close(fd) } }

    /// Adds a line per event: `[2026-11-25 06:32:20,123] INFO [eventsdash] - #<seq> <body>`, and
    /// writes them when due.
    public func append(_ events: [ReceivedEvent], firstSequence: UInt64, now: Double) throws(FileSystemError) {
        guard !events.isEmpty else { return }
        if pendingSince == nil { pendingSince = now }
        format(events, firstSequence: firstSequence, into: &pending)
        try flushIfDue(now: now)
    }

    /// Writes the pending lines if the oldest has waited `flushInterval`, or there are many.
    public func flushIfDue(now: Double) throws(FileSystemError) {
        guard let since = pendingSince, now - since >= Self.flushInterval || pending.count >= 256 << 10 else { return }
        try flush()
    }

    public func flush() throws(FileSystemError) {
        guard !pending.isEmpty else { return }
        if fd < 0 {
            try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent)
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw FileSystemError("open", path: path) }
        }
        let written = pending.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written >= 0 else { throw FileSystemError("append to", path: path) }
        pending.removeAll(keepingCapacity: true)
        pendingSince = nil
    }

    private func format(_ events: [ReceivedEvent], firstSequence: UInt64, into bytes: inout [UInt8]) {
        for (offset, event) in events.enumerated() {
            let seconds = event.receivedAtMillis / 1000
            if seconds != cachedSecond {
                cachedSecond = seconds
                cachedTime = Self.localTime(seconds: seconds)
            }
            let ms = String(event.receivedAtMillis % 1000)
            bytes.append(UInt8(ascii: "["))
            bytes.appendUTF8(cachedTime)
            bytes.append(contentsOf: ("," + String(repeating: "0", count: 3 - ms.count) + ms).utf8)
            bytes.append(contentsOf: "] INFO [eventsdash] - #".utf8)
            bytes.appendDecimal(firstSequence + UInt64(offset))
            bytes.append(UInt8(ascii: " "))
            bytes.appendUTF8(event.body)
            bytes.append(0x0A)
        }
    }

    /// Python logging's default time format (without the milliseconds), in local time.
    static func localTime(seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        return String(decoding: buffer.prefix(length).map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}
