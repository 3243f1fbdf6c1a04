import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the log within its size without deleting what a webhook still needs.
///
/// Beyond `retentionBytes` the oldest segments go, but only those whose every event comes before
/// `neededFrom` (the oldest event some webhook has not finished); the others are kept beyond it,
/// which `Outcome.keptBeyondRetention` tells. Only beyond `maxBytes`, the hard budget, are needed
/// segments deleted too, and `Outcome.deletedNeededThrough` says up to which event, so that
/// delivery records every event lost. The segment being written is never deleted.
public struct EventLogRetention: Sendable, Equatable {
    public static let defaultRetentionBytes: Int64 = 1024 * 1024 * 1024
    /// The hard budget's default, as a multiple of the retention.
    public static let defaultMaxMultiple: Int64 = 4

    public var retentionBytes: Int64
    public var maxBytes: Int64

    public init(retentionBytes: Int64 = Self.defaultRetentionBytes, maxBytes: Int64? = nil) {
        self.retentionBytes = retentionBytes
        self.maxBytes = max(retentionBytes, maxBytes ?? retentionBytes * Self.defaultMaxMultiple)
    }

    /// A closed segment: its events and size.
    public struct Segment: Sendable, Equatable {
        public var events: ClosedRange<UInt64>
        public var bytes: Int64
    }

    public struct Outcome: Sendable, Equatable {
        /// The log's size afterwards.
        public var bytes: Int64
        /// Segments retention would have deleted but kept, because a webhook needs them; oldest first.
        public var keptBeyondRetention: [Segment]
        /// Set when the hard budget deleted segments holding needed events: every event up to this
        /// one is gone from the log.
        public var deletedNeededThrough: UInt64?
    }

    /// Deletes what the policy allows; `neededFrom` is the oldest event a webhook still needs
    /// (`UInt64.max` when none does).
    public func enforce(directory: String, neededFrom: UInt64) -> Outcome {
        var segments = EventLogSegments.list(in: directory).compactMap { path -> (path: String, first: UInt64, bytes: Int64)? in
            guard let first = EventLogSegments.firstSequence(of: path) else { return nil }
            var info = stat()
            return (path, first, stat(path, &info) == 0 ? Int64(info.st_size) : 0)
        }
        var total = segments.reduce(0) { $0 + $1.bytes }
        var deletedNeededThrough: UInt64?
        while segments.count > 1, total > retentionBytes {
            // The oldest segment's last event is the one before the next segment's first.
            let lastEvent = segments[1].first - 1
            let needed = lastEvent >= neededFrom
            guard !needed || total > maxBytes else { break }
            if needed { deletedNeededThrough = lastEvent }
            unlink(segments[0].path)
            total -= segments.removeFirst().bytes
        }
        var kept: [Segment] = []
        var over = total
        for (segment, next) in zip(segments, segments.dropFirst()) where over > retentionBytes {
            kept.append(Segment(events: segment.first...(next.first - 1), bytes: segment.bytes))
            over -= segment.bytes
        }
        return Outcome(bytes: total, keptBeyondRetention: kept, deletedNeededThrough: deletedNeededThrough)
    }
}
