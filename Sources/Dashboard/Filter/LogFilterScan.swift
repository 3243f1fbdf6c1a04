import EventLog
import Foundation
import GlusterEvents
import Synchronization

/// A filter's pass over the durable log's events older than those held, on a thread of its own so
/// that keys and frames never wait for it: segments newest first (the matches nearest the held
/// ones come first), each read forward (`EventLogScan`). Matches are published in runs as they are
/// found, each with where its line starts, so that drawing reads a match back alone
/// (`EventLogScan.event(in:at:)`) rather than the log around it. The scan stops when the handle
/// goes (the filter was changed or cleared), or after `maxMatches` matches.
final class LogFilterScan {
    /// A run of matches found in one segment, ascending, each with where its line starts.
    struct Found: Sendable {
        let segment: Int
        let sequences: [UInt64]
        let offsets: [Int]
        /// The segment is read to its end (within `range`): no more matches come from it.
        let segmentDone: Bool
    }

    /// What the scan thread publishes and the dashboard thread takes.
    private final class Shared: Sendable {
        struct Progress {
            var found: [Found] = []
            var scanned = 0
            var done = false
            var capped = false
            var cancelled = false
        }
        let progress = Mutex(Progress())
    }

    /// The log's segments when the scan started, oldest first.
    let segments: [EventLogScan.Segment]
    /// The sequences scanned: the log's oldest to the last one before those held.
    let range: ClosedRange<UInt64>
    let maxMatches: Int
    private let shared = Shared()

    /// How many scan threads are running (a changed or cleared filter's ends promptly).
    static let running = Atomic<Int>(0)

    /// Matches 16 bytes each (a sequence, an offset): a million take 16 MB.
    static let defaultMaxMatches = 1_000_000

    /// Starts scanning the log in `directory` up to `last` for `filter`; nil when the log has no
    /// event up to there.
    init?(
        filter: EventFilter, nodeNames: [String: String], directory: String, through last: UInt64,
        maxMatches: Int = LogFilterScan.defaultMaxMatches
    ) {
        let segments = EventLogScan.segments(in: directory)
        guard let oldest = segments.first?.firstSequence, oldest <= last else { return nil }
        self.segments = segments
        range = oldest...last
        self.maxMatches = max(1, maxMatches)
        let (shared, range, maxMatches) = (shared, range, self.maxMatches)
        Self.running.add(1, ordering: .relaxed)
        let thread = Thread {
            defer { Self.running.subtract(1, ordering: .relaxed) }
            Self.scan(shared, LoggedLineMatcher(filter: filter, nodeNames: nodeNames), segments, range, maxMatches)
        }
        thread.name = "eventsdash filter scan"
        thread.start()
    }

    deinit { shared.progress.withLock { $0.cancelled = true } }

    /// The runs found since the last call, how many events were tested so far, whether the scan
    /// has ended, and whether it ended at `maxMatches`.
    func take() -> (found: [Found], scanned: Int, done: Bool, capped: Bool) {
        shared.progress.withLock { progress in
            defer { progress.found = [] }
            return (progress.found, progress.scanned, progress.done, progress.capped)
        }
    }

    private static func scan(
        _ shared: Shared, _ matcher: LoggedLineMatcher, _ segments: [EventLogScan.Segment], _ range: ClosedRange<UInt64>,
        _ maxMatches: Int
    ) {
        var matcher = matcher
        var total = 0
        /// Publishes a run; false once the scan is cancelled.
        func publish(_ found: Found, scanned: Int) -> Bool {
            shared.progress.withLock { progress in
                if !found.sequences.isEmpty || found.segmentDone { progress.found.append(found) }
                progress.scanned += scanned
                return !progress.cancelled
            }
        }
        for index in segments.indices.reversed() where segments[index].firstSequence <= range.upperBound {
            let last = index + 1 < segments.count ? min(range.upperBound, segments[index + 1].firstSequence - 1) : range.upperBound
            var (sequences, offsets, scanned) = ([UInt64](), [Int](), 0)
            var going = true
            EventLogScan.scan(segments[index], through: last) { line in
                scanned += 1
                if matcher.matches(line) {
                    sequences.append(line.sequence)
                    offsets.append(line.offset)
                }
                guard scanned == 16384 || total + sequences.count >= maxMatches else { return true }
                total += sequences.count
                going = publish(Found(segment: index, sequences: sequences, offsets: offsets, segmentDone: false), scanned: scanned)
                (sequences, offsets, scanned) = ([], [], 0)
                return going && total < maxMatches
            }
            guard going else { return }
            total += sequences.count
            guard publish(Found(segment: index, sequences: sequences, offsets: offsets, segmentDone: true), scanned: scanned) else {
                return
            }
            if total >= maxMatches {
                shared.progress.withLock { $0.done = true; $0.capped = true }
                return
            }
        }
        shared.progress.withLock { $0.done = true }
    }
}

/// A filter tested on the log's lines as they are read: the name (off the start of a body
/// eventsdash wrote) and time first, with a verdict per name kept; then what the body must hold
/// (`RequiredText`); only then the event is decoded.
struct LoggedLineMatcher {
    let filter: EventFilter
    let nodeNames: [String: String]
    /// Names seen, and whether the name-and-time words take them (when they do not read the time).
    private var names: [(bytes: [UInt8], name: String, passes: Bool)] = []

    init(filter: EventFilter, nodeNames: [String: String]) {
        self.filter = filter
        self.nodeNames = nodeNames
    }

    mutating func matches(_ line: EventLogScan.Line) -> Bool {
        guard let (name, passes) = name(of: line.body) else { return decoded(line) }  // not as eventsdash writes bodies
        if filter.readsTime {
            guard filter.matchesNameAndTime(name: name, receivedAtMillis: line.receivedAtMillis) else { return false }
        } else if !passes {
            return false
        }
        guard filter.readsBody else { return true }
        guard filter.mayMatch(name: name, body: line.body) else { return false }
        return decoded(line)
    }

    private static let prefix = Array(#"{"event": ""#.utf8)

    private mutating func name(of body: UnsafeBufferPointer<UInt8>) -> (String, Bool)? {
        let prefix = Self.prefix
        guard body.count > prefix.count, memcmp(body.baseAddress!, prefix, prefix.count) == 0 else { return nil }
        var end = prefix.count
        while end < body.count, body[end] != UInt8(ascii: "\"") { end += 1 }
        guard end < body.count else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: body[prefix.count..<end])
        for known in names where known.bytes.count == bytes.count && memcmp(known.bytes, bytes.baseAddress!, bytes.count) == 0 {
            return (known.name, known.passes)
        }
        let name = String(decoding: bytes, as: UTF8.self)
        let passes = filter.matchesNameAndTime(name: name, receivedAtMillis: 0)
        if names.count < 1024 { names.append((Array(bytes), name, passes)) }
        return (name, passes)
    }

    private func decoded(_ line: EventLogScan.Line) -> Bool {
        let logged = LoggedEvent(
            sequence: line.sequence, receivedAtMillis: line.receivedAtMillis, source: String(decoding: line.source, as: UTF8.self),
            body: String(decoding: line.body, as: UTF8.self))
        let header = WebhookBodyHeader.nameAndTimestamp(of: logged.body)
        let event = ReceivedEvent(
            name: header?.name ?? "?", timestamp: header?.timestamp ?? 0, body: logged.body, source: logged.source,
            receivedAtMillis: logged.receivedAtMillis)
        return filter.matches(RecentEvents.Entry(sequence: line.sequence, event: event), nodeNames: nodeNames)
    }
}
