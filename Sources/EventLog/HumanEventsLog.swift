import Foundation
import GlusterEvents
import GlusterHost
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The human-readable events log glustereventsd keeps (`/var/log/glusterfs/events.log`): one line
/// per published event, unless config `disable-events-log` is true. It is only for reading; the
/// durable event log is the record eventsdash delivers from.
///
/// Lines are gathered and written at most every `flushInterval` (or per 256 KiB), which halves the
/// write cost at full ingest rate; `flush()` writes what is pending. The file is bounded: past
/// `Limits.maxBytes` it becomes `events.log.1` (the older ones move up to `.N`; older still are
/// deleted), and a line longer than `Limits.maxLineBytes` is cut with a `…(N bytes more)` marker.
/// It works with logrotate too: a file renamed or removed is noticed (at most once a second) and a
/// new one started; `requestReopen()` (SIGHUP) does it at the next flush.
///
/// `@unchecked Sendable`: one owner (the engine's pipeline thread) calls everything but
/// `requestReopen()`, which only sets an atomic flag.
public final class HumanEventsLog: @unchecked Sendable {
    public struct Limits: Sendable, Equatable {
        public var maxBytes: Int
        /// Old files kept: `events.log.1` … `events.log.<files>`.
        public var files: Int
        public var maxLineBytes: Int

        public init(maxBytes: Int = 100 << 20, files: Int = 5, maxLineBytes: Int = 16 << 10) {
            self.maxBytes = maxBytes
            self.files = files
            self.maxLineBytes = maxLineBytes
        }
    }

    public static let flushInterval = 0.1
    /// How often the file's identity is compared with the path's.
    static let reopenCheckInterval = 1.0
    public let path: String
    public let limits: Limits
    private var fd: Int32 = -1
    /// The open file's size.
    private var fileBytes = 0
    private var lastIdentityCheck = -Double.infinity
    private let reopenRequested = Atomic<Bool>(false)
    /// The formatted local time of `cachedSecond`: formatting once a second, not once an event.
    private var cachedSecond: Int64 = -1
    private var cachedTime = ""
    private var pending: [UInt8] = []
    private var pendingSince: Double?

    public init(path: String, limits: Limits = Limits()) {
        self.path = path
        self.limits = limits
    }

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
        try flush(now: now)
    }

    /// Starts a new file at the next flush (logrotate's `postrotate`, as SIGHUP).
    public func requestReopen() { reopenRequested.store(true, ordering: .relaxed) }

    /// Writes what is pending; `now` (seconds) paces the check for a file moved away.
    public func flush(now: Double = .infinity) throws(FileSystemError) {
        guard !pending.isEmpty else { return }
        if fd >= 0, reopenRequested.exchange(false, ordering: .relaxed) || movedAway(now: now) {
            close(fd)
            fd = -1
        }
        if fd < 0 { try open() }
        if fileBytes > 0, fileBytes + pending.count > limits.maxBytes {
            try rotate()
            try open()
        }
        let written = pending.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written >= 0 else { throw FileSystemError("append to", path: path) }
        fileBytes += written
        pending.removeAll(keepingCapacity: true)
        pendingSince = nil
    }

    private func open() throws(FileSystemError) {
        try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent)
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystemError("open", path: path) }
        var info = stat()
        fileBytes = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Whether the path no longer names the open file (renamed or removed), checked at most once
    /// every `reopenCheckInterval`.
    private func movedAway(now: Double) -> Bool {
        guard now - lastIdentityCheck >= Self.reopenCheckInterval else { return false }
        lastIdentityCheck = now
        var open = stat()
        var named = stat()
        guard fstat(fd, &open) == 0 else { return true }
        return stat(path, &named) != 0 || named.st_ino != open.st_ino || named.st_dev != open.st_dev
    }

    /// `events.log` becomes `events.log.1`, each older one moves up, the oldest beyond `files` goes.
    private func rotate() throws(FileSystemError) {
        close(fd)
        fd = -1
        guard limits.files > 0 else {
            unlink(path)
            return
        }
        unlink(path + ".\(limits.files)")
        for number in stride(from: limits.files - 1, through: 1, by: -1) {
            rename(path + ".\(number)", path + ".\(number + 1)")
        }
        guard rename(path, path + ".1") == 0 || errno == ENOENT else { throw FileSystemError("rotate", path: path) }
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
            appendBody(event.body, to: &bytes)
            bytes.append(0x0A)
        }
    }

    /// The body, cut (between characters) to `maxLineBytes` with a `…(N bytes more)` marker: a
    /// 390 KB line helps no one reading this file; the durable log keeps the whole event.
    private func appendBody(_ body: String, to bytes: inout [UInt8]) {
        let utf8 = body.utf8
        guard utf8.count > limits.maxLineBytes else { return bytes.appendUTF8(body) }
        var end = utf8.index(utf8.startIndex, offsetBy: limits.maxLineBytes)
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }  // not mid-character
        bytes.append(contentsOf: utf8[..<end])
        bytes.append(contentsOf: "…(\(utf8.distance(from: end, to: utf8.endIndex)) bytes more)".utf8)
    }

    /// Python logging's default time format (without the milliseconds), in local time; the
    /// operator log's lines in this file use it too.
    public static func localTime(seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        return String(decoding: buffer.prefix(length).map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}
