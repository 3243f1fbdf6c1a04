import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on loopback that records every request and answers with a chosen status:
/// the webhook end of the end-to-end tests.
public final class RecordingWebhookServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(name: String, value: String)]
        public var body: String
        /// The status the server answered with (nil: it reset the connection).
        public var answered: Int?

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The logged event's sequence: the last part of its `webhook-id` (`<node>-<epoch>-<sequence>`).
        public var sequence: Int? { header("webhook-id").flatMap { $0.split(separator: "-").last.flatMap { Int($0) } } }
    }

    public let port: Int
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let recorder: Recorder
    private let channel: any Channel

    /// How the server answers, changeable while it runs.
    public enum Behaviour: Sendable {
        case answer(status: Int, retryAfter: Int? = nil, body: String = "OK")
        /// Answers 200 after this many seconds.
        case delay(Double)
        /// Closes the connection without answering.
        case reset
    }

    public let host: String

    /// - Parameter port: 0 for any free port.
    public init(status: Int = 200, host: String = "127.0.0.1", port: Int = 0) throws {
        self.host = host
        let recorder = Recorder(behaviour: .answer(status: status))
        self.recorder = recorder
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(recorder: recorder))
                }
            }
            .bind(host: host, port: port).wait()
        self.port = channel.localAddress!.port!
    }

    public var url: String { "http://\(host):\(port)/listen" }

    public func behave(_ behaviour: Behaviour) { recorder.behaviour.withLock { $0 = behaviour } }

    /// The distinct events accepted (answered 2xx; by `webhook-id`) and how many were accepted more than once.
    public var distinctEvents: (count: Int, duplicates: Int) {
        let ids = requests.filter { ($0.answered ?? 0) / 100 == 2 }.compactMap { $0.header("webhook-id") }
        return (Set(ids).count, ids.count - Set(ids).count)
    }
    public var requests: [Request] { recorder.recorded.withLock { $0 } }

    public func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Waits until at least `count` requests have arrived.
    @discardableResult
    public func waitForRequests(_ count: Int, timeout: Double = 10) -> [Request] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && requests.count < count { Thread.sleep(forTimeInterval: 0.02) }
        return requests
    }
}

extension RecordingWebhookServer.Behaviour {
    var status: Int? {
        switch self {
        case .answer(let status, _, _): status
        case .delay: 200
        case .reset: nil
        }
    }
}

private final class Recorder: Sendable {
    let recorded = Mutex<[RecordingWebhookServer.Request]>([])
    let behaviour: Mutex<RecordingWebhookServer.Behaviour>
    init(behaviour: RecordingWebhookServer.Behaviour) { self.behaviour = Mutex(behaviour) }
}

private final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: Recorder
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(recorder: Recorder) { self.recorder = recorder }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, status: Int, retryAfter: Int?, body: String = "OK") {
        var headers = HTTPHeaders([("Content-Length", "\(body.utf8.count)")])
        headers.add(name: "Connection", value: head.isKeepAlive ? "keep-alive" : "close")
        if let retryAfter { headers.add(name: "Retry-After", value: "\(retryAfter)") }
        let responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !head.isKeepAlive {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            let behaviour = recorder.behaviour.withLock { $0 }  // before recording: a test may change it once it sees the request
            recorder.recorded.withLock {
                $0.append(
                    .init(
                        method: "\(head.method)", uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                        body: String(buffer: body), answered: behaviour.status))
            }
            switch behaviour {
            case .answer(let status, let retryAfter, let body):
                respond(context: context, head: head, status: status, retryAfter: retryAfter, body: body)
            case .reset: context.close(promise: nil)
            case .delay(let seconds):
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                    let (handler, context) = bound.value
                    handler.respond(context: context, head: head, status: 200, retryAfter: nil)
                }
            }
            self.head = nil
        }
    }
}
