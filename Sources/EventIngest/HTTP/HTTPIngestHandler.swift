import Foundation
import GlusterEvents
import NIOCore
import NIOHTTP1

/// One connection's requests, in order (NIO's pipelining handler hands them over one at a time).
///
/// Everything a request may cost is decided on its head, before its body is read: the path, the
/// method, auth (401) and a declared size over the limit (413). A body is held only up to the limit
/// and within the budget shared by all connections (503 past it), and freed once answered. A
/// request refused before its body was read is answered and its connection closed.
final class HTTPIngestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Request {
        case none
        /// A POST whose body is being read; `reserved` bytes of the budget are held for it.
        case readingBody(head: HTTPRequestHead, body: ByteBuffer, reserved: Int)
        /// A GET or HEAD: answered once its end is read.
        case bodyless(head: HTTPRequestHead)
        /// Answered before it was read whole: the rest is dropped and the connection closes.
        case refused
    }

    private let settings: HTTPIngestServer.Settings
    private let counters: HTTPIngestCounters
    private let sink: any EventSink
    private let budget: HTTPBodyBudget
    private let deadline: HTTPRequestDeadline
    private var request = Request.none
    /// Responses written but not yet taken by the client's socket.
    private var unreadResponses = 0
    /// The connection closed (or this handler left it).
    private var connectionEnded = false

    init(
        settings: HTTPIngestServer.Settings, counters: HTTPIngestCounters, sink: any EventSink, budget: HTTPBodyBudget,
        deadline: HTTPRequestDeadline
    ) {
        self.settings = settings
        self.counters = counters
        self.sink = sink
        self.budget = budget
        self.deadline = deadline
    }

    private var limits: HTTPIngestLimits { settings.limits }

    private var isRefused: Bool {
        if case .refused = request { return true }
        return false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Parts of pipelined requests may still be handed on after the connection ended: nothing
        // more is taken (nor any of the body budget) once it has.
        guard !connectionEnded else { return }
        switch unwrapInboundIn(data) {
        case .head(let head): begin(head, context: context)
        case .body(var chunk): read(&chunk, context: context)
        case .end:
            deadline.requestRead()
            finish(context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            counters.countClosed(.idleTimeout)
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // NIO's error handler has answered a parse error with 400; anything else ends the connection.
        // A client that hangs up mid-request (e.g. once refused on its head) sent nothing malformed.
        if let error = error as? HTTPParserError, error != .invalidEOFState, !isRefused { counters.countRejected(.malformed) }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        connectionEnded = true
        releaseBody()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        connectionEnded = true
        releaseBody()
    }

    // MARK: - A request, part by part

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        releaseBody()
        guard unreadResponses < limits.maxUnreadResponses else {
            counters.countClosed(.unreadResponses)
            request = .refused
            context.close(promise: nil)
            return
        }
        if let (reason, status, text) = refusal(of: head) {
            counters.countRejected(reason)
            request = .refused
            respond(context: context, head: head, status: status, text: text, close: true)
            return
        }
        if head.method == .POST {
            request = .readingBody(head: head, body: context.channel.allocator.buffer(capacity: 0), reserved: 0)
        } else {
            request = .bodyless(head: head)
        }
    }

    /// Why `head` is refused before its body is read: status, words for the client, and the reason counted.
    private func refusal(of head: HTTPRequestHead) -> (HTTPIngestRejection, HTTPResponseStatus, String)? {
        let path = String(head.uri.prefix { $0 != "?" })
        if path == HTTPIngestServer.metricsPath, settings.metrics != nil {
            guard head.method == .GET || head.method == .HEAD else { return (.method, .methodNotAllowed, "GET the metrics") }
            return authRefusal(of: head)
        }
        guard settings.takesEvents, HTTPIngestServer.paths.contains(path) else {
            return (.notFound, .notFound, settings.takesEvents ? "POST events to / or /listen" : "GET /metrics")
        }
        switch head.method {
        case .GET, .HEAD: return nil
        case .POST: break
        default: return (.method, .methodNotAllowed, "POST events here")
        }
        if let refusal = authRefusal(of: head) { return refusal }
        let lengths = head.headers[canonicalForm: "content-length"]
        if let declared = lengths.first {
            guard lengths.count == 1, let length = Int(declared), length >= 0 else {
                return (.malformed, .badRequest, "Content-Length must be one number")
            }
            if length > limits.maxBodyBytes { return (.tooLarge, .payloadTooLarge, "body over \(limits.maxBodyBytes) bytes") }
        }
        return nil
    }

    private func authRefusal(of head: HTTPRequestHead) -> (HTTPIngestRejection, HTTPResponseStatus, String)? {
        let now = Int64(Date().timeIntervalSince1970)
        guard let refusal = settings.auth.refusal(of: head.headers.first(name: "authorization"), now: now) else { return nil }
        return (.unauthorized, .unauthorized, refusal)
    }

    private func read(_ chunk: inout ByteBuffer, context: ChannelHandlerContext) {
        guard case .readingBody(let head, var body, var reserved) = request else { return }
        request = .none  // while the buffer is changed, so that it is not copied
        let needed = body.readableBytes + chunk.readableBytes
        if needed > limits.maxBodyBytes {
            budget.release(reserved)
            refuse(head, .tooLarge, .payloadTooLarge, "body over \(limits.maxBodyBytes) bytes", context: context)
            return
        }
        if needed > body.capacity {
            // The budget counts the memory held: the buffer is grown to the declared length at once,
            // or (chunked) doubled, never past the limit, and what it grows by is reserved first.
            func take(_ bytes: Int) -> Bool {
                guard bytes > 0 else { return true }
                guard budget.reserve(bytes) else {
                    budget.release(reserved)
                    refuse(head, .busy, .serviceUnavailable, "too many requests under way: try again shortly", context: context)
                    return false
                }
                reserved += bytes
                return true
            }
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) }
            let capacity = max(needed, min(declared ?? body.capacity * 2, limits.maxBodyBytes))
            guard take(capacity - reserved) else { return }
            body.reserveCapacity(capacity)
            guard take(body.capacity - reserved) else { return }  // NIO rounds a buffer up to a power of two
        }
        body.writeBuffer(&chunk)
        request = .readingBody(head: head, body: body, reserved: reserved)
    }

    private func refuse(
        _ head: HTTPRequestHead, _ reason: HTTPIngestRejection, _ status: HTTPResponseStatus, _ text: String,
        context: ChannelHandlerContext
    ) {
        counters.countRejected(reason)
        request = .refused
        respond(context: context, head: head, status: status, text: text, close: true)
    }

    private func finish(context: ChannelHandlerContext) {
        let current = request
        request = .none
        switch current {
        case .none, .refused: return
        case .bodyless(let head):
            counters.requests.add(1, ordering: .relaxed)
            if let metrics = settings.metrics, head.uri.prefix(while: { $0 != "?" }) == HTTPIngestServer.metricsPath {
                counters.scrapes.add(1, ordering: .relaxed)
                let page = context.channel.allocator.buffer(bytes: metrics())
                respond(context: context, head: head, status: .ok, body: page, contentType: HTTPIngestServer.metricsContentType, close: false)
                return
            }
            counters.pings.add(1, ordering: .relaxed)
            respond(context: context, head: head, status: .ok, text: "eventsdash: POST gluster events here", close: false)
        case .readingBody(let head, let body, let reserved):
            let remote = context.remoteAddress.map(Self.describe) ?? "?"
            let (status, text) = answer(head, body: body.readableBytesView, remote: remote)
            budget.release(reserved)  // the body is freed with `current`
            respond(context: context, head: head, status: status, text: text, close: false)
        }
    }

    /// What to answer a POST whose body was read whole, after doing what it asks.
    private func answer(_ head: HTTPRequestHead, body: ByteBufferView, remote: String) -> (HTTPResponseStatus, String) {
        do {
            switch try IngestedBody.decode(body) {
            case .ping:
                counters.requests.add(1, ordering: .relaxed)
                counters.pings.add(1, ordering: .relaxed)
                return (.ok, "pong")
            case .event(let name, let timestamp, let nodeID, let json):
                counters.requests.add(1, ordering: .relaxed)
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

    private func releaseBody() {
        if case .readingBody(_, _, let reserved) = request { budget.release(reserved) }
        request = .none
    }

    // MARK: - Answers

    /// Writes the response; `close`, or a client that asked for it, ends the connection once written.
    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus, text: String, close: Bool) {
        let body = context.channel.allocator.buffer(string: text + "\n")
        respond(context: context, head: head, status: status, body: body, contentType: "text/plain; charset=utf-8", close: close)
    }

    private func respond(
        context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus, body: ByteBuffer, contentType: String,
        close: Bool
    ) {
        let keepAlive = head.isKeepAlive && !close
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        if status == .unauthorized { headers.add(name: "WWW-Authenticate", value: "Bearer") }
        if status == .serviceUnavailable { headers.add(name: "Retry-After", value: "1") }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        unreadResponses += 1
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        let channel = context.channel
        written.assumeIsolated().whenComplete { [weak self] _ in
            self?.unreadResponses -= 1
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    private static func describe(_ address: SocketAddress) -> String {
        let ip = address.ipAddress ?? "?"
        let port = address.port.map(String.init) ?? "?"
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
