import Foundation
import Synchronization

/// A `CurlMulti` with a thread of its own to drive it, for requests made from anywhere: test
/// pings, redeliveries, Alertmanager. (The delivery thread drives a `CurlMulti` itself.)
public final class CurlMultiClient: DeliveryTransport {
    public typealias Completion = @Sendable (HTTPOutcome) -> Void

    private let multi: CurlMulti
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// - Parameter maxConnections: the most connections kept open in all (libcurl's cache size).
    public init(name: String = "eventsdash-http", maxConnections: Int = 64) {
        multi = CurlMulti(maxConnections: maxConnections)
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    private func run() {
        // Below the socket reader, like the rest of delivery (on Linux, nice is per thread).
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        while !stopping.load(ordering: .acquiring) { multi.drive(timeout: 1) }
        finished.signal()
    }

    /// Queues a POST; `completion` runs on the client's thread when it ends. Never blocks.
    /// A request whose URL or headers have a problem (`urlProblem`, `headersProblem`) is not sent:
    /// `completion` gets it as the error, at once.
    public func post(_ request: HTTPRequest, completion: @escaping Completion) {
        multi.post(request, completion: completion)
    }

    /// POSTs and waits for the outcome (for one-off requests such as a test ping).
    public func postAndWait(_ request: HTTPRequest) -> HTTPOutcome {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<HTTPOutcome?>(nil)
        post(request) { outcome in
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    /// Ends every transfer (their completions report "shutting down") and stops the thread.
    public func shutdown() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        multi.wake()
        finished.wait()
        multi.shutdown()
    }
}
