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
/// a ping. Bodies are limited in size; anything else is answered 4xx and counted by reason.
public final class HTTPIngestServer: Sendable {
    public struct Settings: Sendable {
        public var addresses: [ListenAddress]
        public var auth: HTTPIngestAuth
        public var maxBodyBytes: Int

        public init(addresses: [ListenAddress], auth: HTTPIngestAuth = .none, maxBodyBytes: Int = HTTPIngestServer.defaultMaxBodyBytes) {
            self.addresses = addresses
            self.auth = auth
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// Far above any gluster event (a datagram holds at most 64 KiB), far below anything harmful.
    public static let defaultMaxBodyBytes = 1 << 20
    /// The paths glustereventsd users register: the bare address, and eventsdash.py's `/listen`.
    static let paths: Set<String> = ["/", "/listen"]

    public let counters = HTTPIngestCounters()
    private let channels = ListeningChannels()

    public init() {}

    /// Binds every address, or none: throws the first failure, in words for the user.
    public func start(_ settings: Settings, sink: any EventSink) throws(UDPReceiver.BindFailure) {
        for address in settings.addresses {
            do {
                let channel = try bind(address, settings: settings, sink: sink)
                channels.add(channel)
            } catch {
                stop()
                throw Self.describe(error, address: address)
            }
        }
    }

    /// Stops accepting, closes every connection and stops the thread.
    public func stop() { channels.closeAll() }

    private func bind(_ address: ListenAddress, settings: Settings, sink: any EventSink) throws -> any Channel {
        let counters = self.counters
        return try ServerBootstrap(group: channels.group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPIngestHandler(settings: settings, counters: counters, sink: sink))
                }
            }
            .bind(host: address.host, port: address.port)
            .wait()
    }

    private static func describe(_ error: any Error, address: ListenAddress) -> UDPReceiver.BindFailure {
        if let io = error as? IOError {
            let reason =
                io.errnoCode == EADDRINUSE
                ? "TCP port \(address.port) is in use (choose another with --listen-http HOST:PORT)"
                : String(cString: strerror(io.errnoCode))
            return UDPReceiver.BindFailure(address: address, reason: reason, addressInUse: io.errnoCode == EADDRINUSE)
        }
        return UDPReceiver.BindFailure(address: address, reason: "\(error)", addressInUse: false)
    }
}

/// Who may POST events: anyone who can connect, a bearer token, or a JWT made with a shared secret
/// (what a webhook with a secret sends; see `JWT`).
public enum HTTPIngestAuth: Sendable, Equatable {
    case none
    case bearer(token: String)
    case jwt(secret: String)

    /// nil when `authorization` (the header's value) is allowed in, else why not.
    func refusal(of authorization: String?, now: Int64) -> String? {
        if case .none = self { return nil }
        guard let authorization, authorization.hasPrefix("Bearer ") else { return "an Authorization: Bearer header is required" }
        let presented = String(authorization.dropFirst("Bearer ".count)).trimmingWhitespace()
        switch self {
        case .none: return nil
        case .bearer(let token):
            return Self.constantTimeEqual(Array(presented.utf8), Array(token.utf8)) ? nil : "wrong token"
        case .jwt(let secret):
            if case .failure(let refusal) = JWT.verify(presented, secret: secret, now: now) { return "JWT refused: \(refusal)" }
            return nil
        }
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// One connection's requests, in order (NIO's pipeline handler keeps pipelined requests apart).
private final class HTTPIngestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let settings: HTTPIngestServer.Settings
    private let counters: HTTPIngestCounters
    private let sink: any EventSink
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The body went past the limit: the rest of the request is read and dropped, then 413.
    private var tooLarge = false

    init(settings: HTTPIngestServer.Settings, counters: HTTPIngestCounters, sink: any EventSink) {
        self.settings = settings
        self.counters = counters
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.removeAll(keepingCapacity: true)
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            tooLarge = declared > settings.maxBodyBytes
        case .body(var chunk):
            guard !tooLarge else { return }
            if body.count + chunk.readableBytes > settings.maxBodyBytes {
                tooLarge = true
                body.removeAll()
            } else {
                body += chunk.readBytes(length: chunk.readableBytes) ?? []
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let remote = context.remoteAddress.map(Self.describe) ?? "?"
            let (status, text) = answer(head, remote: remote)
            respond(context: context, head: head, status: status, text: text)
        }
    }

    /// What to answer `head` (with the body read so far), after doing what it asks.
    private func answer(_ head: HTTPRequestHead, remote: String) -> (HTTPResponseStatus, String) {
        counters.requests.add(1, ordering: .relaxed)
        let path = String(head.uri.prefix { $0 != "?" })
        guard HTTPIngestServer.paths.contains(path) else {
            counters.countRejected(.notFound)
            return (.notFound, "POST events to / or /listen")
        }
        switch head.method {
        case .GET, .HEAD:
            counters.pings.add(1, ordering: .relaxed)
            return (.ok, "eventsdash: POST gluster events here")
        case .POST: break
        default:
            counters.countRejected(.method)
            return (.methodNotAllowed, "POST events here")
        }
        if tooLarge {
            counters.countRejected(.tooLarge)
            return (.payloadTooLarge, "body over \(settings.maxBodyBytes) bytes")
        }
        let now = Int64(Date().timeIntervalSince1970)
        if let refusal = settings.auth.refusal(of: head.headers.first(name: "authorization"), now: now) {
            counters.countRejected(.unauthorized)
            return (.unauthorized, refusal)
        }
        do {
            switch try IngestedBody.decode(body) {
            case .ping:
                counters.pings.add(1, ordering: .relaxed)
                return (.ok, "pong")
            case .event(let name, let timestamp, let nodeID, let json):
                counters.events.add(1, ordering: .relaxed)
                sink.accept([
                    ReceivedEvent(
                        name: name, timestamp: timestamp, body: json, source: ReceivedEvent.httpSourcePrefix + remote,
                        receivedAtMillis: Int64(Date().timeIntervalSince1970 * 1000), nodeID: nodeID)
                ])
                return (.ok, "ok")
            }
        } catch {
            counters.countRejected(.badBody)
            return (.badRequest, error.description)
        }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus, text: String) {
        let keepAlive = head.isKeepAlive && !tooLarge  // an unread oversized body ends the connection
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(text.utf8.count + 1))
        if status == .unauthorized { headers.add(name: "WWW-Authenticate", value: "Bearer") }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text + "\n")))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    private static func describe(_ address: SocketAddress) -> String {
        let ip = address.ipAddress ?? "?"
        let port = address.port.map(String.init) ?? "?"
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
