import Foundation
import Logging
import Synchronization

/// Publishes the engine's figures: writes them for `status` and attached dashboards (`engine.json`)
/// and tells the operator what changed since the last ones (`StatusChanges`).
final class StatusPublisher: Sendable {
    private let file: String
    private let logger: Logger
    private let last: Mutex<EngineStatus>

    /// `initial`: what the first figures are compared with (an engine that has done nothing yet).
    init(file: String, logger: Logger, initial: EngineStatus) {
        self.file = file
        self.logger = logger
        last = Mutex(initial)
    }

    func publish(_ current: EngineStatus) {
        try? current.write(to: file)
        let previous = last.withLock { last in
            defer { last = current }
            return last
        }
        logger.log(StatusChanges.between(previous, current))
    }
}
