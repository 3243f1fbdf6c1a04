import NIOCore
import NIOPosix
import Synchronization

/// The sockets one receiver opened, served by an event-loop thread of its own, closed together.
final class ListeningChannels: Sendable {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channels = Mutex<[any Channel]>([])

    func add(_ channel: any Channel) { channels.withLock { $0.append(channel) } }

    /// Closes every socket, then stops the thread.
    func closeAll() {
        let open = channels.withLock { channels in
            defer { channels.removeAll() }
            return channels
        }
        for channel in open { try? channel.close().wait() }
        try? group.syncShutdownGracefully()
    }
}
