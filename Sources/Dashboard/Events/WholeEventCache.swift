import EventLog

/// The event open in the detail view, whole: one held abridged in memory is read back from the
/// log once, not on every frame and every scroll check.
final class WholeEventCache {
    private var cached: RecentEvents.Entry?

    func whole(_ held: RecentEvents.Entry, logDirectory: String) -> RecentEvents.Entry {
        guard held.abridgedFrom != nil else { return held }
        if let cached, cached.sequence == held.sequence { return cached }
        let whole = held.whole(logDirectory: logDirectory)
        cached = whole
        return whole
    }
}
