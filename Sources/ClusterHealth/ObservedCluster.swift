/// What gluster itself says of the cluster now (`gluster volume info`, `volume status all detail`,
/// `pool list`, `--xml`): the volumes with their layout, state and bricks, and the peers. It
/// corrects the state the events built, and is the topology the volumes' states are worked out on.
public struct ObservedCluster: Sendable, Equatable {
    public struct Volume: Sendable, Equatable {
        public enum Status: String, Sendable { case created, started, stopped }

        public var name: String
        public var status: Status
        public var layout: VolumeLayout
        /// In `volume info`'s order, which makes the subvolumes.
        public var bricks: [Brick]
        /// Whether quota is on (`features.quota`): its limits are worth asking for.
        public var quotaOn: Bool
        /// Whether it has been a geo-replication primary (`geo-replication.indexing`, set when a
        /// session is made and left on after it is deleted): its sessions are worth asking for.
        public var georepIndexing: Bool

        public init(name: String, status: Status, layout: VolumeLayout, bricks: [Brick], quotaOn: Bool = false, georepIndexing: Bool = false) {
            self.name = name
            self.status = status
            self.layout = layout
            self.bricks = bricks
            self.quotaOn = quotaOn
            self.georepIndexing = georepIndexing
        }

        /// The bricks cut into subvolumes (replica or disperse sets; single bricks of a distribute
        /// volume).
        public var subvolumes: [ArraySlice<Brick>] {
            let size = layout.setSize
            return stride(from: 0, to: bricks.count, by: size).map { bricks[$0..<min($0 + size, bricks.count)] }
        }
    }

    public struct Brick: Sendable, Equatable {
        /// As glusterd names the brick's host (BRICK_* events' `peer`).
        public var host: String
        public var path: String
        public var isArbiter = false
        /// Whether its process runs, as `volume status` says; nil when it did not list the brick
        /// (the volume is not started, or the brick's node was not reached).
        public var online: Bool?
        public var port: Int?
        public var pid: Int?
        /// What `volume status detail` says of its file system, when it says.
        public var space: Space?

        public init(host: String, path: String, isArbiter: Bool = false, online: Bool?, port: Int? = nil, pid: Int? = nil, space: Space? = nil) {
            self.host = host
            self.path = path
            self.isArbiter = isArbiter
            self.online = online
            self.port = port
            self.pid = pid
            self.space = space
        }

        /// `host:path`, as gluster names a brick.
        public var name: String { host + ":" + path }
    }

    /// A brick's file system, in bytes and inodes as gluster reports them.
    public struct Space: Sendable, Equatable {
        public var sizeTotal: UInt64
        public var sizeFree: UInt64
        public var inodesTotal: UInt64
        public var inodesFree: UInt64

        public init(sizeTotal: UInt64, sizeFree: UInt64, inodesTotal: UInt64, inodesFree: UInt64) {
            self.sizeTotal = sizeTotal
            self.sizeFree = min(sizeFree, sizeTotal)
            self.inodesTotal = inodesTotal
            self.inodesFree = min(inodesFree, inodesTotal)
        }

        /// Share of the bytes used, 0…1 (nil for an empty file system).
        public var sizeUsed: Double? { sizeTotal == 0 ? nil : Double(sizeTotal - sizeFree) / Double(sizeTotal) }
        /// Share of the inodes used, 0…1 (nil where the file system has no inode count, as XFS may say 0).
        public var inodesUsed: Double? { inodesTotal == 0 ? nil : Double(inodesTotal - inodesFree) / Double(inodesTotal) }
    }

    public struct Peer: Sendable, Equatable {
        public var host: String
        public var connected: Bool

        public init(host: String, connected: Bool) {
            self.host = host
            self.connected = connected
        }
    }

    public var volumes: [Volume]
    /// The other nodes of the pool (nil when the pool was not read).
    public var peers: [Peer]?

    public init(volumes: [Volume], peers: [Peer]?) {
        self.volumes = volumes
        self.peers = peers
    }

    /// The started volumes' names.
    public var startedVolumes: Set<String> { Set(volumes.filter { $0.status == .started }.map(\.name)) }
}
