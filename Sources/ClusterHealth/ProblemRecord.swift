/// One problem the model follows, open or not: kept after it closes to tell flapping and trends.
struct ProblemRecord: Sendable {
    let id: ProblemID
    /// As the latest event named it (with every field it gave, e.g. a brick's volume).
    var entity: Entity
    var isOpen: Bool
    /// When it entered its present state.
    var since: Double
    /// Whether the present state was found by reconciliation with the gluster CLI, not told by an event.
    var reconciled: Bool
    /// When it opened or closed, the latest ones.
    var changes = TimeRing(capacity: 32)
    /// When it opened, the latest ones.
    var openings = TimeRing(capacity: 32)

    init(id: ProblemID, entity: Entity, since: Double) {
        self.id = id
        self.entity = entity
        isOpen = false
        self.since = since
        reconciled = false
    }

    mutating func open(at time: Double, reconciled: Bool) {
        isOpen = true
        since = time
        self.reconciled = reconciled
        changes.append(time)
        openings.append(time)
    }

    mutating func close(at time: Double, reconciled: Bool) {
        isOpen = false
        since = time
        self.reconciled = reconciled
        changes.append(time)
    }
}
