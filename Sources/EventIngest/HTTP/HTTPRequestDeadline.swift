import NIOCore

/// Closes a connection whose request does not arrive whole within the deadline of its first byte
/// (slowloris: headers trickled a byte at a time). It sits before the HTTP parser and sees raw
/// bytes; `HTTPIngestHandler` tells it when a request has been read. (A connection with no request
/// under way is NIO's `IdleStateHandler`'s to time out.)
final class HTTPRequestDeadline: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let counters: HTTPIngestCounters
    private var deadline: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(timeout: TimeAmount, counters: HTTPIngestCounters) {
        self.timeout = timeout
        self.counters = counters
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if deadline == nil {
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in self?.expire() }
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    /// The request under way was read whole: the next one's clock starts with its first byte.
    func requestRead() {
        deadline?.cancel()
        deadline = nil
    }

    private func expire() {
        deadline = nil
        counters.countClosed(.requestTimeout)
        context?.close(promise: nil)
    }
}
