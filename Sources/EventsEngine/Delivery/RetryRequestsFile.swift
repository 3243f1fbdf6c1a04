import GlusterEvents
import GlusterHost
import Synchronization

/// `retry-requests.json` in the state directory: `{"URL": MILLIS, …}`, when someone last asked for
/// a webhook's waiting retries to be sent now — a dashboard attached to the engine, or
/// `eventsdash webhook-test` after a test ping reached a failing webhook. The engine takes up the
/// requests newer than those it took before (`RetryRequestsWatch`).
public struct RetryRequestsFile: Sendable {
    let file: LockedJSONFile

    public init(path: String) { file = LockedJSONFile(path: path, maxBytes: 1 << 20) }

    /// Asks for `url`'s retries now (`millis`: Unix milliseconds).
    public func request(_ url: String, atMillis millis: Int64) throws {
        try file.update { json in
            var members = (json.objectMembers ?? []).filter { $0.key != url }
            members.append((url, .int(millis)))
            // A webhook deleted since leaves its line: keep the file small whatever happens.
            return (.object(Array(members.suffix(Self.maxRequests))), ())
        }
    }

    /// Each webhook's newest request (Unix milliseconds); none when the file is absent or unreadable.
    public func read() -> [String: Int64] {
        guard let members = (try? file.read())?.objectMembers else { return [:] }
        var requests: [String: Int64] = [:]
        for (url, value) in members { if let millis = value.intValue { requests[url] = millis } }
        return requests
    }

    static let maxRequests = 1024
}

/// The engine's side of `RetryRequestsFile`: the URLs asked for since it last looked.
final class RetryRequestsWatch: Sendable {
    private let file: RetryRequestsFile
    private let watcher: FileWatcher
    /// Requests up to this time are taken (at first: those made before the engine started).
    private let takenThrough: Mutex<Int64>

    init(path: String, startedAtMillis: Int64) {
        file = RetryRequestsFile(path: path)
        watcher = FileWatcher(path: path)
        takenThrough = Mutex(startedAtMillis)
    }

    /// The webhooks asked for since the last call (none when the file did not change).
    func newRequests() -> [String] {
        guard watcher.changed() else { return [] }
        let requests = file.read()
        return takenThrough.withLock { through in
            let new = requests.filter { $0.value > through }
            through = max(through, new.values.max() ?? through)
            return new.keys.sorted()
        }
    }
}
