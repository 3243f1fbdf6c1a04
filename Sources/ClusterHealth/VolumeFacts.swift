/// What the events (and the gluster CLI) told of a volume besides its problems: its bricks, and
/// whether it is stopped.
struct VolumeFacts: Sendable {
    /// `host:/path` of each brick, when known (VOLUME_CREATE lists them; reconciliation corrects).
    var bricks: Set<String> = []
    var stopped = false

    /// Bricks one volume may list at most (the list comes from outside).
    static let maxBricks = 4096

    mutating func learn(_ event: HealthEvent) {
        switch event.name {
        case "VOLUME_CREATE":
            bricks = Set((event.fields["bricks"] ?? "").split(separator: " ").prefix(Self.maxBricks).map(String.init))
            stopped = true
        case "VOLUME_START": stopped = false
        case "VOLUME_STOP": stopped = true
        default: break
        }
    }

    mutating func observed(bricks: [String]) {
        self.bricks = Set(bricks.prefix(Self.maxBricks))
        stopped = false
    }
}
