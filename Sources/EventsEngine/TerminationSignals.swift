import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP turned from process-killers into a flag an engine's owner checks
/// (`serve` waits on it; the dashboard polls it between frames), so every stop is an orderly one.
/// A daemon may take SIGHUP as "reopen your logs" instead (logrotate's convention).
public final class TerminationSignals {
    /// Shared with the signal handlers, which must not capture `self` before it exists.
    private final class Flag: Sendable {
        let received = Atomic<Bool>(false)
        let arrived = DispatchSemaphore(value: 0)
        let hangUp = Mutex<(@Sendable () -> Void)?>(nil)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]

    /// - Parameter hangUpStops: false: SIGHUP calls the `onHangUp` handler instead of stopping.
    public init(hangUpStops: Bool = true) {
        let flag = self.flag
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if number == SIGHUP, !hangUpStops {
                    flag.hangUp.withLock { $0 }?()
                    return
                }
                flag.received.store(true, ordering: .relaxed)
                flag.arrived.signal()
            }
            source.resume()
            return source
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    /// What SIGHUP does when it does not stop (see `init`).
    public func onHangUp(_ handler: @escaping @Sendable () -> Void) { flag.hangUp.withLock { $0 = handler } }

    /// Whether a stop signal has arrived.
    public var stopRequested: Bool { flag.received.load(ordering: .relaxed) }

    /// Blocks until a stop signal arrives.
    public func wait() { flag.arrived.wait() }
}
