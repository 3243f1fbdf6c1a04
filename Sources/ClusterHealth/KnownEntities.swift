/// What gluster itself listed at the last poll: the volumes, bricks (`host:path`) and peers. Any
/// datagram can name a brick or a volume; a problem on one gluster does not know is unverified.
struct KnownEntities: Sendable {
    var volumes: Set<String> = []
    var bricks: Set<String> = []
    var peers: Set<String> = []

    init(_ cluster: ObservedCluster) {
        for volume in cluster.volumes {
            volumes.insert(Entity.bounded(volume.name))
            for brick in volume.bricks {
                bricks.insert(Entity.bounded(brick.host) + ":" + Entity.bounded(brick.path))
                peers.insert(Entity.bounded(brick.host))
            }
        }
        for peer in cluster.peers ?? [] { peers.insert(Entity.bounded(peer.host)) }
    }

    /// Whether gluster listed what `entity` names: its brick (a geo-rep worker's primary brick),
    /// else its volume, else its peer. An entity named otherwise (a daemon on a node) cannot be
    /// checked, and counts as known.
    func knows(_ entity: Entity) -> Bool {
        if let brick = entity["brick"], let peer = entity["peer"] { return bricks.contains(peer + ":" + brick) }
        if let brick = entity["brick_path"], let node = entity["primary_node"] { return bricks.contains(node + ":" + brick) }
        if let volume = entity.volume { return volumes.contains(volume) }
        if let peer = entity["peer"] { return peers.contains(peer) }
        return true
    }
}
