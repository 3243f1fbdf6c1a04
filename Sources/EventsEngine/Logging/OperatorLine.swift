import Logging

/// One line for the operator log, worked out apart from the logger so that tests can read it.
struct OperatorLine: Equatable {
    var level: Logger.Level
    var message: String
}

extension Logger {
    func log(_ lines: [OperatorLine]) {
        for line in lines { log(level: line.level, "\(line.message)") }
    }
}
