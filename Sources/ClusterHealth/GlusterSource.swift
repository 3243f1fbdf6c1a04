/// The gluster CLI as a source of the cluster's state: whether it answered the last time it was
/// asked, since when, and when it last did.
public struct GlusterSource: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Not asked (yet, or never: polling is off).
        case notAsked = "not-asked"
        case answered
        /// glusterd did not answer: what it vouched for cannot be told.
        case unanswered
        /// glusterd answered, but not with the cluster (busy, unreadable): the last answer stands.
        case failed
        /// No gluster CLI on this node.
        case absent
    }

    public var state: State
    /// When the present state began.
    public var since: Double?
    /// When it last answered with the cluster.
    public var lastAnswer: Double?
    /// What it said when it did not answer (the CLI's first line).
    public var detail: String?

    public init(state: State = .notAsked, since: Double? = nil, lastAnswer: Double? = nil, detail: String? = nil) {
        self.state = state
        self.since = since
        self.lastAnswer = lastAnswer
        self.detail = detail
    }

    /// Takes what the last poll gave, at `now`.
    mutating func record(_ observation: ClusterObservation, at now: Double) {
        let state: State
        switch observation {
        case .observed:
            state = .answered
            lastAnswer = now
            detail = nil
        case .glusterdDown(let words):
            state = .unanswered
            detail = words
        case .failed(let words):
            // a busy glusterd leaves the state it had; only the words tell
            detail = words
            if self.state == .answered { return }
            state = .failed
        case .noCLI:
            state = .absent
            detail = nil
        }
        if state != self.state { since = now }
        self.state = state
    }
}
