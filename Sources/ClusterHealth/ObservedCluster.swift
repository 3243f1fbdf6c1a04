/// What the gluster CLI sees now (`gluster volume status all --xml`, `gluster pool list`), to
/// correct the state the events built.
public struct ObservedCluster: Sendable, Equatable {
    public struct Brick: Sendable, Equatable {
        public var volume: String
        /// As glusterd names the brick's host (BRICK_* events' `peer`).
        public var host: String
        public var path: String
        public var online: Bool

        public init(volume: String, host: String, path: String, online: Bool) {
            self.volume = volume
            self.host = host
            self.path = path
            self.online = online
        }
    }

    public struct Peer: Sendable, Equatable {
        public var host: String
        public var connected: Bool

        public init(host: String, connected: Bool) {
            self.host = host
            self.connected = connected
        }
    }

    /// The bricks of started volumes (a stopped volume is not listed).
    public var bricks: [Brick]
    /// The volumes listed, i.e. started.
    public var startedVolumes: Set<String>
    /// The other nodes of the pool (nil when the pool was not read).
    public var peers: [Peer]?

    public init(bricks: [Brick], startedVolumes: Set<String>, peers: [Peer]?) {
        self.bricks = bricks
        self.startedVolumes = startedVolumes
        self.peers = peers
    }
}
