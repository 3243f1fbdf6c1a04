import Foundation
import GlusterEvents
import GlusterHost

/// Where a webhook is in the event log: the oldest event it has not finished, and the events after
/// that one which are finished already (with several requests in flight they finish out of order,
/// and one slow request would otherwise make a restart send everything behind it again).
public struct DeliveryPlace: Sendable, Equatable {
    public var position: UInt64
    /// Runs of finished events above `position`, in order.
    public var finishedAhead: [ClosedRange<UInt64>]
    /// The first event the webhook was given (the ones before were logged before it was added);
    /// nil in files written before it was kept.
    public var since: UInt64?
    /// What delivery came to so far; nil in files written before it was kept.
    public var tally: DeliveryTally?
    /// The epoch of the log the position is in (`EventLogEpoch`), as read from the file; nil in
    /// files written before it was kept.
    public var epoch: String?

    public init(
        position: UInt64, finishedAhead: [ClosedRange<UInt64>] = [], since: UInt64? = nil, tally: DeliveryTally? = nil,
        epoch: String? = nil
    ) {
        self.position = position
        self.finishedAhead = finishedAhead
        self.since = since
        self.tally = tally
        self.epoch = epoch
    }

    /// Whether `sequence` is finished here (delivered, given up or not wanted), if it was given.
    public func isFinished(_ sequence: UInt64) -> Bool {
        sequence < position || finishedAhead.contains { $0.contains(sequence) }
    }
}

/// Each webhook's place in the event log, kept in a small JSON file rewritten atomically, so a
/// restart (even after `kill -9`) resumes every webhook where it was: at least once, never
/// skipping. `{"URL": {"position": P, "epoch": E, "since": S, "finished": [[FIRST, LAST], …],
/// "tally": {…}}}` (`epoch`: the log's, so that a position is never taken to a log made since;
/// `finished` when events above the position are finished already; `tally` a `DeliveryTally`);
/// `{"URL": P}` in older files.
public struct DeliveryPositions: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The saved places (none when the file is missing or unreadable: delivery then starts with
    /// new events, as for a webhook just added).
    public func load() -> [String: DeliveryPlace] {
        guard let data = FileManager.default.contents(atPath: path),
            let json = try? JSONValue.parse(data), let members = json.objectMembers
        else { return [:] }
        var places: [String: DeliveryPlace] = [:]
        for (url, value) in members {
            if let position = value.intValue, position > 0 {
                places[url] = DeliveryPlace(position: UInt64(position))
            } else if let position = value["position"]?.intValue, position > 0 {
                let runs = (value["finished"]?.arrayValues ?? []).compactMap { run -> ClosedRange<UInt64>? in
                    guard let ends = run.arrayValues, ends.count == 2, let first = ends[0].intValue, let last = ends[1].intValue,
                        position < first, first <= last
                    else { return nil }
                    return UInt64(first)...UInt64(last)
                }
                let since = value["since"]?.intValue.flatMap { $0 > 0 && $0 <= position ? UInt64($0) : nil }
                places[url] = DeliveryPlace(
                    position: UInt64(position), finishedAhead: runs, since: since,
                    tally: value["tally"].flatMap { $0.objectMembers == nil ? nil : DeliveryTally(json: $0) },
                    epoch: value["epoch"]?.stringValue)
            }
        }
        return places
    }

    /// Writes `places`, each as a position in the log of `epoch`.
    public func save(_ places: [String: DeliveryPlace], epoch: String) throws(FileSystemError) {
        let json = JSONValue.object(
            places.sorted { $0.key < $1.key }.map { url, place in
                var members: [(key: String, value: JSONValue)] = [("position", .int(Int64(place.position))), ("epoch", .string(epoch))]
                if let since = place.since { members.append(("since", .int(Int64(since)))) }
                if !place.finishedAhead.isEmpty {
                    let runs = place.finishedAhead.map { JSONValue.array([.int(Int64($0.lowerBound)), .int(Int64($0.upperBound))]) }
                    members.append(("finished", .array(runs)))
                }
                if let tally = place.tally { members.append(("tally", tally.json)) }
                return (url, .object(members))
            })
        try AtomicFile.write(Data(json.encoded().utf8), to: path)
    }
}
