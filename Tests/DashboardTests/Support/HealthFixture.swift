import ClusterHealth
import Foundation

/// Health reports as the engine would make them, from gluster's events fed to `ClusterHealth`:
/// `now` is the dashboard fixture's clock.
enum HealthFixture {
    static let now = 1_700_000_000.0
    static let node = DashboardFixture.nodeID

    /// `text` is a datagram's fields, `;`-separated: `peer=vm;volume=gv0;brick=/b1`.
    static func event(_ name: String, _ text: String = "", secondsAgo: Double = 600) -> HealthEvent {
        var fields: [String: String] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            fields[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return HealthEvent(name: name, fields: fields, node: node, time: now - secondsAgo)
    }

    /// The report after `events`, at `now`.
    static func report(_ events: [HealthEvent]) -> HealthReport {
        var health = ClusterHealth()
        events.forEach { health.apply($0) }
        return health.report(at: now)
    }

    /// gv0 (3 bricks) with a brick down 4 minutes and a split-brain 2 hours, gv1 fine, 3 peers.
    static var degraded: HealthReport {
        report([
            event("PEER_ATTACH", "host=vm", secondsAgo: 9000), event("PEER_ATTACH", "host=vm2", secondsAgo: 9000),
            event("PEER_ATTACH", "host=vm3", secondsAgo: 9000),
            event("VOLUME_CREATE", "name=gv0;bricks= vm:/bricks/gv0/b1 vm2:/bricks/gv0/b2 vm3:/bricks/gv0/b3 ", secondsAgo: 9000),
            event("VOLUME_START", "name=gv0", secondsAgo: 9000),
            event("VOLUME_CREATE", "name=gv1;bricks= vm:/bricks/gv1/b1", secondsAgo: 9000),
            event("VOLUME_START", "name=gv1", secondsAgo: 9000),
            event("AFR_SPLIT_BRAIN", "subvol=gv0-replicate-0;file=/dir/a file.txt", secondsAgo: 7200),
            event("BRICK_DISCONNECTED", "peer=vm;volume=gv0;brick=/bricks/gv0/b1", secondsAgo: 240),
        ])
    }
}
