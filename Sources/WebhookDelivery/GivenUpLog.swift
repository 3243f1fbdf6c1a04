import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// `given-up.log` in the state directory: a JSON object per line for each event delivery gave up
/// on, and for each later redelivery that succeeded. `eventsdash given-up`, `eventsdash redeliver
/// --given-up` and the dashboard's webhook view read it. Lines are appended whole (`O_APPEND`), so
/// the engine and the CLI can both write it.
public struct GivenUpLog: Sendable {
    /// An event (or a run of events) given up on for one webhook.
    public struct Entry: Equatable, Sendable {
        /// When it was given up, in Unix milliseconds.
        public var atMillis: Int64
        public var sequence: UInt64
        /// More than 1 for a run of events log retention deleted before they were sent.
        public var count: UInt64
        public var url: String
        public var reason: String
        /// How a later redelivery succeeded (e.g. `HTTP 200`), or nil.
        public var redelivered: String?

        public init(atMillis: Int64, sequence: UInt64, count: UInt64 = 1, url: String, reason: String) {
            self.atMillis = atMillis
            self.sequence = sequence
            self.count = count
            self.url = url
            self.reason = reason
        }
    }

    public let path: String
    /// How much of the file's end `entries` reads: a long outage can give up millions of events.
    public static let readLimitBytes = 8 * 1024 * 1024

    public init(path: String) { self.path = path }

    public func append(_ entries: [Entry]) throws {
        let lines = entries.map { entry in
            var members: [(key: String, value: JSONValue)] = [
                ("at", .int(entry.atMillis)), ("sequence", .int(Int64(entry.sequence))), ("url", .string(entry.url)),
                ("given_up", .string(entry.reason)),
            ]
            if entry.count > 1 { members.append(("count", .int(Int64(entry.count)))) }
            return JSONValue.object(members).encoded()
        }
        try appendLines(lines)
    }

    /// Notes that `sequence` reached `url` when sent again by hand.
    public func recordRedelivered(_ sequence: UInt64, to url: String, outcome: String, atMillis: Int64) throws {
        let line = JSONValue.object([
            ("at", .int(atMillis)), ("sequence", .int(Int64(sequence))), ("url", .string(url)), ("redelivered", .string(outcome)),
        ]).encoded()
        try appendLines([line])
    }

    /// The newest `limit` entries (only `url`'s when given), newest first, each with its
    /// redelivery if one succeeded. An event given up more than once is listed once, newest.
    public func entries(url: String? = nil, limit: Int = .max) -> [Entry] {
        var givenUp: [Entry] = []
        var redelivered: [String: [UInt64: String]] = [:]
        for line in tailLines() {
            guard let object = try? JSONValue.parse(String(line)),
                let sequence = object["sequence"]?.intValue, sequence >= 0,
                let entryURL = object["url"]?.stringValue, url == nil || url == entryURL
            else { continue }
            if let how = object["redelivered"]?.stringValue {
                redelivered[entryURL, default: [:]][UInt64(sequence)] = how
            } else if let reason = object["given_up"]?.stringValue {
                givenUp.append(
                    Entry(
                        atMillis: object["at"]?.intValue ?? 0, sequence: UInt64(sequence),
                        count: UInt64(max(1, object["count"]?.intValue ?? 1)), url: entryURL, reason: reason))
            }
        }
        var seen = Set<String>()
        var newestFirst: [Entry] = []
        for var entry in givenUp.reversed() where newestFirst.count < limit {
            guard seen.insert("\(entry.sequence) \(entry.url)").inserted else { continue }
            entry.redelivered = redelivered[entry.url]?[entry.sequence]
            newestFirst.append(entry)
        }
        return newestFirst
    }

    /// The whole lines in the file's last `readLimitBytes`.
    private func tailLines() -> [Substring] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > UInt64(Self.readLimitBytes) ? size - UInt64(Self.readLimitBytes) : 0
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return [] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        if start > 0, !lines.isEmpty { lines.removeFirst() }  // begins mid-line
        return lines
    }

    private func appendLines(_ lines: [String]) throws {
        guard !lines.isEmpty else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw GivenUpLogError(path: path, errno: errno) }
        defer { close(fd) }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw GivenUpLogError(path: path, errno: errno) }
    }
}

/// given-up.log could not be written.
public struct GivenUpLogError: Error, CustomStringConvertible {
    public let path: String
    public let errno: Int32
    public var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
}
