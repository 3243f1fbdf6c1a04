import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP listener on loopback that accepts connections and keeps every byte sent to it: stands for
/// a local service (Redis, memcached…) that a webhook must never reach.
public final class RawTCPListener: Sendable {
    public let port: Int
    private let fd: Int32
    private let state = Mutex((connections: 0, bytes: Data(), stopping: false))
    private let done = DispatchSemaphore(value: 0)

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0  // any free port
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    /// Connections accepted, and the bytes they sent, so far.
    public var received: (connections: Int, bytes: Data) { state.withLock { ($0.connections, $0.bytes) } }

    private func serve() {
        var clients: [Int32] = []
        while !state.withLock({ $0.stopping }) {
            var polled = ([fd] + clients).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&polled, nfds_t(polled.count), 50) > 0 else { continue }
            if polled[0].revents != 0 {
                let client = accept(fd, nil, nil)
                if client >= 0 {
                    clients.append(client)
                    state.withLock { $0.connections += 1 }
                }
            }
            for entry in polled.dropFirst() where entry.revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(entry.fd, &buffer, buffer.count)
                if n > 0 {
                    state.withLock { $0.bytes.append(contentsOf: buffer[..<n]) }
                } else {
                    close(entry.fd)
                    clients.removeAll { $0 == entry.fd }
                }
            }
        }
        clients.forEach { close($0) }
        done.signal()
    }

    public func shutdown() {
        state.withLock { $0.stopping = true }
        done.wait()
        close(fd)
    }
}
