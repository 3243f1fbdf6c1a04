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
    /// Whether gluster did not list its entity when it was made (with the topology known).
    var unverified = false
    /// When it opened or closed, the latest ones.
    var changes = TimeRing(capacity: 32)
    /// When it opened, the latest ones.
    var openings = TimeRing(capacity: 32)
    /// Till when its latest opening may yet be explained by a planned operation (a volume stop):
    /// until then it is not shown, and if explained it never happened.
    var settlesAt: Double?

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
        settlesAt = nil
        changes.append(time)
    }

    /// Takes its latest opening back, as if it had not happened (a planned operation explained
    /// it); false when nothing was left of it before that opening.
    mutating func retractOpening() -> Bool {
        changes.removeLast()
        openings.removeLast()
        isOpen = false
        settlesAt = nil
        reconciled = false
        guard let before = changes.last else { return false }
        since = before
        return true
    }

    /// Whether it is open but not shown yet: a planned operation may still explain it.
    func isSettling(at now: Double) -> Bool { isOpen && (settlesAt.map { now < $0 } ?? false) }
}
