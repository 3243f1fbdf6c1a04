import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on loopback that records every request and answers with a chosen status:
/// the webhook end of the end-to-end tests.
final class RecordingWebhookServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(name: String, value: String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    let port: Int
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let recorder: Recorder
    private let channel: any Channel

    init(status: Int = 200) throws {
        let recorder = Recorder(status: status)
        self.recorder = recorder
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RecordingHandler(recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        port = channel.localAddress!.port!
    }

    var url: String { "http://127.0.0.1:\(port)/listen" }
    var requests: [Request] { recorder.recorded.withLock { $0 } }

    func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Waits until at least `count` requests have arrived.
    @discardableResult
    func waitForRequests(_ count: Int, timeout: Double = 10) -> [Request] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && requests.count < count { Thread.sleep(forTimeInterval: 0.02) }
        return requests
    }
}

private final class Recorder: Sendable {
    let recorded = Mutex<[RecordingWebhookServer.Request]>([])
    let status: Atomic<Int>
    init(status: Int) { self.status = Atomic(status) }
}

private final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: Recorder
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(recorder: Recorder) { self.recorder = recorder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            recorder.recorded.withLock {
                $0.append(
                    .init(
                        method: "\(head.method)", uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                        body: String(buffer: body)))
            }
            let status = HTTPResponseStatus(statusCode: recorder.status.load(ordering: .relaxed))
            var headers = HTTPHeaders([("Content-Length", "2")])
            headers.add(name: "Connection", value: head.isKeepAlive ? "keep-alive" : "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "OK")))), promise: nil)
            let keepAlive = head.isKeepAlive
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { context.close(promise: nil) }
            }
            self.head = nil
        }
    }
}
