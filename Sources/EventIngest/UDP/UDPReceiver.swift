import Foundation
import GlusterEvents
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Receives gf_event() datagrams on a set of addresses and hands decoded events to a sink.
///
/// Reads use recvmmsg (swift-nio's vector reads) into slots of 64 KiB, larger than any UDP payload,
/// so nothing is cut short; a datagram that fills its slot is counted as truncated, never passed on.
public final class UDPReceiver: Sendable {
    /// Bytes per datagram slot by default: more than the largest UDP payload (65,507 over IPv4,
    /// 65,527 over IPv6), so no datagram is ever cut short.
    public static let defaultSlotSize = 65_536
    /// The socket receive buffer asked for by default. The kernel charges memory only for what is
    /// queued, so a large limit costs nothing while eventsdash keeps up, and lets a burst of tens of
    /// thousands of events wait instead of being dropped. (Above `net.core.rmem_max` it takes root.)
    public static let defaultReceiveBufferBytes = 64 << 20

    /// Datagrams read per system call.
    public static let datagramsPerRead = 64

    public struct Settings: Sendable {
        public var addresses: [ListenAddress]
        /// Requested socket receive buffer; the kernel may grant less (see `Listening`).
        public var receiveBufferBytes: Int
        public var nodeID: String
        /// Room for one datagram; one that fills it is counted as truncated.
        public var slotSize: Int
        /// Where datagrams are taken from; nil: anywhere (as glustereventsd).
        public var allowedSources: SourceAllowlist?

        public init(
            addresses: [ListenAddress], receiveBufferBytes: Int = UDPReceiver.defaultReceiveBufferBytes, nodeID: String,
            slotSize: Int = UDPReceiver.defaultSlotSize, allowedSources: SourceAllowlist? = nil
        ) {
            self.addresses = addresses
            self.receiveBufferBytes = receiveBufferBytes
            self.nodeID = nodeID
            self.slotSize = slotSize
            self.allowedSources = allowedSources
        }
    }

    /// An address that is live, with the receive buffer the kernel granted.
    public struct Listening: Sendable {
        public var address: ListenAddress
        public var receiveBufferBytes: Int
    }

    /// An address that could not be bound, and why, in words for the user.
    public struct BindFailure: Error, Sendable, CustomStringConvertible {
        public var address: ListenAddress
        public var reason: String
        public var addressInUse: Bool
        public var description: String { "\(address): \(reason)" }
    }

    public let counters: IngestCounters
    private let channels = ListeningChannels()

    public init(counters: IngestCounters = IngestCounters()) {
        self.counters = counters
    }

    /// Binds every address; returns those that are live and those that failed. The caller decides
    /// whether a partial start is acceptable (glustereventsd carries on with one family).
    public func start(_ settings: Settings, sink: any EventSink) -> (listening: [Listening], failed: [BindFailure]) {
        var listening: [Listening] = []
        var failed: [BindFailure] = []
        for address in settings.addresses {
            do {
                let channel = try bind(address, settings: settings, sink: sink)
                channels.add(channel)
                let granted = (try? channel.getOption(ChannelOptions.socketOption(.so_rcvbuf)).wait()) ?? 0
                listening.append(Listening(address: address, receiveBufferBytes: Int(granted)))
            } catch {
                failed.append(Self.describe(error, address: address))
            }
        }
        return (listening, failed)
    }

    /// SO_RCVBUFFORCE, which goes past net.core.rmem_max, where this process may use it (it takes
    /// CAP_NET_ADMIN: root, unless a service's capabilities leave it out); else SO_RCVBUF, which the
    /// kernel clamps to it. Tried once on a socket of its own: refused, it would fail the bind.
    static let bufferOptionName: Int32 = {
        let probe = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { return SO_RCVBUF }
        defer { close(probe) }
        var size: Int32 = 1 << 20
        return setsockopt(probe, SOL_SOCKET, SO_RCVBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size)) == 0 ? SO_RCVBUFFORCE : SO_RCVBUF
    }()

    private func bind(_ address: ListenAddress, settings: Settings, sink: any EventSink) throws -> any Channel {
        let counters = self.counters
        let nodeID = settings.nodeID
        let slotSize = settings.slotSize
        let allowedSources = settings.allowedSources
        let bufferOption = ChannelOptions.Types.SocketOption(level: .socket, name: NIOBSDSocket.Option(rawValue: Self.bufferOptionName))
        return try DatagramBootstrap(group: channels.group)
            .channelOption(bufferOption, value: SocketOptionValue(settings.receiveBufferBytes))
            .channelOption(ChannelOptions.datagramVectorReadMessageCount, value: Self.datagramsPerRead)
            .channelOption(
                ChannelOptions.recvAllocator,
                value: FixedSizeRecvByteBufferAllocator(capacity: slotSize * Self.datagramsPerRead)
            )
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        DatagramDecoder(
                            counters: counters, nodeID: nodeID, slotSize: slotSize, allowedSources: allowedSources, sink: sink))
                }
            }
            .bind(host: address.host, port: address.port)
            .wait()
    }

    private static func describe(_ error: any Error, address: ListenAddress) -> BindFailure {
        if let io = error as? IOError {
            if io.errnoCode == EADDRINUSE {
                let holder = UDPSocketTable.holder(of: address.port).map { " by \($0)" } ?? ""
                return BindFailure(address: address, reason: "UDP port \(address.port) is in use\(holder)", addressInUse: true)
            }
            return BindFailure(address: address, reason: String(cString: strerror(io.errnoCode)), addressInUse: false)
        }
        return BindFailure(address: address, reason: "\(error)", addressInUse: false)
    }

    /// Closes every socket and stops the receiving thread.
    public func stop() { channels.closeAll() }
}

/// Decodes each datagram of a read and hands the accepted ones over as one batch.
private final class DatagramDecoder: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let counters: IngestCounters
    private let bodies: WebhookBodyEncoder
    private let slotSize: Int
    private let allowedSources: SourceAllowlist?
    private let sink: any EventSink
    private var batch: [ReceivedEvent] = []
    /// The bodies in `batch`, in bytes: a batch is handed over at the end of a read (NIO reads up
    /// to 4 × 64 datagrams), or sooner once it holds `batchLimitBytes` (256 datagrams of control
    /// bytes make 118 MB of bodies).
    private var batchBytes = 0
    static let batchLimitBytes = 4 << 20

    init(counters: IngestCounters, nodeID: String, slotSize: Int, allowedSources: SourceAllowlist?, sink: any EventSink) {
        self.counters = counters
        bodies = WebhookBodyEncoder(nodeID: nodeID)
        self.slotSize = slotSize
        self.allowedSources = allowedSources
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        counters.received.add(1, ordering: .relaxed)
        if let allowedSources, !allowedSources.allows(envelope.remoteAddress) {
            counters.countRejected(.sourceNotAllowed)
            return
        }
        let payload = envelope.data.readableBytesView
        guard payload.count < slotSize else {
            counters.countRejected(.truncated)
            return
        }
        switch Datagram.parse(payload) {
        case .success(let event):
            counters.accepted.add(1, ordering: .relaxed)
            let body = bodies.body(of: event)
            batch.append(
                ReceivedEvent(
                    name: event.name, timestamp: event.timestamp, body: body,
                    source: describe(envelope.remoteAddress), receivedAtMillis: Self.nowMillis()))
            batchBytes += body.utf8.count
            if batchBytes >= Self.batchLimitBytes { handOver() }
        case .failure(let reason):
            counters.countRejected(reason)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) { handOver() }

    private func handOver() {
        guard !batch.isEmpty else { return }
        sink.accept(batch)
        batch.removeAll(keepingCapacity: true)
        batchBytes = 0
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A datagram socket error (e.g. ICMP unreachable) affects one read, not the receiver.
    }

    /// The last sender's address as text, with its key: formatting an address costs more than
    /// parsing a datagram, and events come from few hosts.
    private var lastHost: (key: [UInt8], text: String)?

    /// `1.2.3.4:5678` or `[::1]:5678`.
    private func describe(_ address: SocketAddress) -> String {
        let key: [UInt8]
        switch address {
        case .v4(let v4): key = withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6): key = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default: return "\(address)"
        }
        if lastHost?.key != key {
            let ip = address.ipAddress ?? "?"
            lastHost = (key, key.count == 4 ? ip : "[\(ip)]")
        }
        return lastHost!.text + ":" + String(address.port ?? 0)
    }

    static func nowMillis() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
