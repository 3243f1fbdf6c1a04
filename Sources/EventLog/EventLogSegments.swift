import Foundation

/// The log's files: `events-<first sequence, 20 digits>.log` in one directory, oldest first.
enum EventLogSegments {
    static func name(firstSequence: UInt64) -> String {
        let digits = String(firstSequence)
        return "events-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".log"
    }

    /// Full paths of the segments, oldest first.
    static func list(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("events-") && $0.hasSuffix(".log") }.sorted().map { directory + "/" + $0 }
    }
}

/// How much disk the event log takes.
public struct EventLogUsage: Sendable, Equatable {
    public var bytes: Int64
    public var segments: Int

    public init(directory: String) {
        let paths = EventLogSegments.list(in: directory)
        segments = paths.count
        bytes = paths.reduce(0) { total, path in
            var info = stat()
            return total + (stat(path, &info) == 0 ? Int64(info.st_size) : 0)
        }
    }
}
