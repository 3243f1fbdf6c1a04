import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP turned from process-killers into a flag an engine's owner checks
/// (`serve` waits on it; the dashboard polls it between frames), so every stop is an orderly one.
public final class TerminationSignals {
    /// Shared with the signal handlers, which must not capture `self` before it exists.
    private final class Flag: Sendable {
        let received = Atomic<Bool>(false)
        let arrived = DispatchSemaphore(value: 0)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]

    public init() {
        let flag = self.flag
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                flag.received.store(true, ordering: .relaxed)
                flag.arrived.signal()
            }
            source.resume()
            return source
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    /// Whether a stop signal has arrived.
    public var stopRequested: Bool { flag.received.load(ordering: .relaxed) }

    /// Blocks until a stop signal arrives.
    public func wait() { flag.arrived.wait() }
}
