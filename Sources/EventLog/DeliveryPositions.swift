import Foundation
import GlusterEvents

/// Each webhook's place in the event log — the oldest event it has not finished — kept in a small
/// JSON file (`{"URL": sequence, …}`) rewritten atomically, so a restart (even after `kill -9`)
/// resumes every webhook where it was: at least once, never skipping.
public struct DeliveryPositions: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The saved positions (none when the file is missing or unreadable: delivery then starts
    /// with new events, as for a webhook just added).
    public func load() -> [String: UInt64] {
        guard let data = FileManager.default.contents(atPath: path),
            let json = try? JSONValue.parse(data), let members = json.objectMembers
        else { return [:] }
        var positions: [String: UInt64] = [:]
        for member in members {
            if let value = member.value.intValue, value > 0 { positions[member.key] = UInt64(value) }
        }
        return positions
    }

    public func save(_ positions: [String: UInt64]) throws(FileSystemError) {
        let json = JSONValue.object(positions.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })
        try AtomicFile.write(Data(json.encoded().utf8), to: path)
    }
}
