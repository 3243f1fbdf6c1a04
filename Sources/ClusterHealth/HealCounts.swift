/// A brick's self-heal backlog, as `gluster volume heal VOLUME info summary` counts its entries.
public struct HealCounts: Sendable, Equatable {
    /// Entries waiting to be healed from this brick's copy.
    public var pending: Int
    public var splitBrain: Int
    /// Entries being healed right now (or whose heal was interrupted).
    public var possiblyHealing: Int

    public init(pending: Int, splitBrain: Int, possiblyHealing: Int) {
        self.pending = max(0, pending)
        self.splitBrain = max(0, splitBrain)
        self.possiblyHealing = max(0, possiblyHealing)
    }
}
