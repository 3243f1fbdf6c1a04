import Foundation
import Logging
import Synchronization

/// Publishes the engine's figures: writes them for `status` and attached dashboards (`engine.json`)
/// and tells the operator what changed since the last ones (`StatusChanges`).
final class StatusPublisher: Sendable {
    private let file: String
    private let logger: Logger
    /// The figures last published, and what has been told of them.
    private let told: Mutex<(last: EngineStatus, changes: StatusChanges)>

    /// `initial`: what the first figures are compared with (an engine that has done nothing yet).
    init(file: String, logger: Logger, initial: EngineStatus) {
        self.file = file
        self.logger = logger
        told = Mutex((initial, StatusChanges()))
    }

    func publish(_ current: EngineStatus) {
        try? current.write(to: file)
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        let lines = told.withLock { told in
            defer { told.last = current }
            return told.changes.lines(from: told.last, to: current, at: now)
        }
        logger.log(lines)
    }
}
