import ClusterHealth
import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// `health-history.jsonl` in the state directory: the problems resolved, a JSON line each
/// (`ResolvedProblem.json`), appended by the engine. Bounded: past `maxBytes` it becomes
/// `health-history.jsonl.1` (the one before is dropped), so the history holds the last 1–2 MiB —
/// some thousands of problems.
public struct HealthHistoryFile: Sendable {
    public let path: String
    public static let maxBytes = 1 << 20

    public init(path: String) { self.path = path }

    /// The file before this one.
    var previous: String { path + ".1" }

    /// Appends `problems` (owner-only, whole lines with O_APPEND), moving the file aside first
    /// when it has grown past `maxBytes`.
    func append(_ problems: [ResolvedProblem]) {
        guard !problems.isEmpty else { return }
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
        if size >= Self.maxBytes { _ = rename(path, previous) }
        let text = problems.map { $0.json.encoded() + "\n" }.joined()
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// The problems resolved at or after `since` (all without), oldest first; lines that do not
    /// read are skipped. Each file is read up to twice `maxBytes` (it is another process's).
    public func read(since: Double? = nil) -> [ResolvedProblem] {
        [previous, path].flatMap { file -> [ResolvedProblem] in
            guard let handle = FileHandle(forReadingAtPath: file) else { return [] }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: 2 * Self.maxBytes)) ?? Data()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
                (try? JSONValue.parse(String(line))).flatMap(ResolvedProblem.init(json:))
            }
        }.filter { since == nil || $0.closed >= since! }
    }
}
