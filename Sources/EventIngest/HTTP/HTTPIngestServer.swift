import Foundation
import GlusterEvents
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Receives events as webhook POSTs — what glustereventsd sends to its webhooks — so eventsdash
/// can run beside glustereventsd, or gather events from other nodes' eventsdash.
///
/// `POST /` or `/listen` with glustereventsd's JSON is an event. An empty POST (gluster-eventsapi's
/// `webhook-test`), a `TEST` event (eventsdash's test ping) or a `GET` is answered 200 and counted as
/// a ping. With metrics on, `GET /metrics` is the Prometheus page (`--metrics` runs a server of its
/// own that serves only that). Anything else is answered 4xx and counted by reason.
///
/// It faces the network, so every client is bounded (`HTTPIngestLimits`): connections, request
/// heads and bodies, the time a request may take and a connection may idle, the bodies held at
/// once, and the answers a client may leave unread (reading stops while the client does not read:
/// NIO's `BackPressureHandler`).
public final class HTTPIngestServer: Sendable {
    public struct Settings: Sendable {
        public var addresses: [ListenAddress]
        public var auth: HTTPIngestAuth
        public var limits: HTTPIngestLimits
        /// The Prometheus page, when metrics are on: `GET /metrics` (and `HEAD`) is answered with
        /// it, behind the same auth as events.
        public var metrics: (@Sendable () -> [UInt8])?
        /// Whether events are taken: off for `--metrics`' own listener, which serves only `/metrics`.
        public var takesEvents = true

        public init(addresses: [ListenAddress], auth: HTTPIngestAuth = .none, limits: HTTPIngestLimits = HTTPIngestLimits()) {
            self.addresses = addresses
            self.auth = auth
            self.limits = limits
        }
    }

    /// Where the Prometheus page is, and its content type (the text exposition format).
    static let metricsPath = "/metrics"
    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The paths glustereventsd users register: the bare address, and eventsdash.py's `/listen`.
    static let paths: Set<String> = ["/", "/listen"]

    public let counters = HTTPIngestCounters()
    private let channels = ListeningChannels()

    public init() {}

    /// Binds every address, or none: throws the first failure, in words for the user.
    public func start(_ settings: Settings, sink: any EventSink) throws(UDPReceiver.BindFailure) {
        let budget = HTTPBodyBudget(limit: settings.limits.bodyBudgetBytes)
        for address in settings.addresses {
            do {
                let channel = try bind(address, settings: settings, sink: sink, budget: budget)
                channels.add(channel)
            } catch {
                stop()
                throw Self.describe(error, address: address)
            }
        }
    }

    /// Stops accepting, closes every connection and stops the thread.
    public func stop() { channels.closeAll() }

    private func bind(_ address: ListenAddress, settings: Settings, sink: any EventSink, budget: HTTPBodyBudget) throws -> any Channel {
        let counters = self.counters
        let limits = settings.limits
        return try ServerBootstrap(group: channels.group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelOption(ChannelOptions.writeBufferWaterMark, value: .init(low: 8 << 10, high: 32 << 10))
            .childChannelInitializer { channel in
                guard counters.openConnections.wrappingAdd(1, ordering: .relaxed).newValue <= limits.maxConnections else {
                    counters.openConnections.subtract(1, ordering: .relaxed)
                    counters.countClosed(.connectionLimit)
                    return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
                }
                channel.closeFuture.whenComplete { _ in counters.openConnections.subtract(1, ordering: .relaxed) }
                return channel.eventLoop.makeCompletedFuture {
                    try HTTPIngestConnection.configure(channel, settings: settings, counters: counters, sink: sink, budget: budget)
                }
            }
            .bind(host: address.host, port: address.port)
            .wait()
    }

    private struct ConnectionLimitReached: Error {}

    private static func describe(_ error: any Error, address: ListenAddress) -> UDPReceiver.BindFailure {
        if let io = error as? IOError {
            let reason =
                io.errnoCode == EADDRINUSE
                ? "TCP port \(address.port) is in use (choose another port)"
                : String(cString: strerror(io.errnoCode))
            return UDPReceiver.BindFailure(address: address, reason: reason, addressInUse: io.errnoCode == EADDRINUSE)
        }
        return UDPReceiver.BindFailure(address: address, reason: "\(error)", addressInUse: false)
    }
}
