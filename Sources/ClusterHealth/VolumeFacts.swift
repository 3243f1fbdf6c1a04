/// What the events (and the gluster CLI) told of a volume besides its problems: how many bricks
/// it has, and whether it is stopped. (A count, not the bricks: VOLUME_CREATE comes from outside,
/// and thousands of volumes of thousands of long names must not fill the memory.)
struct VolumeFacts: Sendable {
    /// When known (VOLUME_CREATE lists them; reconciliation corrects).
    var bricks: Int?
    var stopped = false

    mutating func learn(_ event: HealthEvent) {
        switch event.name {
        case "VOLUME_CREATE":
            let listed = (event.fields["bricks"] ?? "").split(separator: " ").count
            bricks = listed > 0 ? listed : nil
            stopped = true
        case "VOLUME_START": stopped = false
        case "VOLUME_STOP": stopped = true
        default: break
        }
    }

    mutating func observed(bricks: Int, started: Bool) {
        self.bricks = bricks
        stopped = !started
    }
}
