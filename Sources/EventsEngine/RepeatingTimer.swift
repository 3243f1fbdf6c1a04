import Foundation
import Synchronization

/// Runs a handler on a queue at a fixed interval, from `start` until `stop`.
final class RepeatingTimer: Sendable {
    private let queue: DispatchQueue
    /// Made by `start` (a dispatch source released while never resumed would crash the process).
    private let source = Mutex<(any DispatchSourceTimer)?>(nil)

    init(queue: DispatchQueue) { self.queue = queue }

    /// Runs `handler` after `delay` seconds, then every `interval` seconds (give or take `leeway`).
    func start(after delay: Double = 0, every interval: Double, leeway: DispatchTimeInterval, _ handler: @escaping @Sendable () -> Void) {
        source.withLock { slot in
            precondition(slot == nil, "a RepeatingTimer starts once")
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + delay, repeating: interval, leeway: leeway)
            timer.setEventHandler(handler: handler)
            timer.resume()
            slot = timer
        }
    }

    /// No more runs after the current one (if any) ends.
    func stop() { source.withLock { $0?.cancel() } }
}
