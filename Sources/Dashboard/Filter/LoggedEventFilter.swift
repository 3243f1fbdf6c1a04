import EventLog
import Foundation

/// The events pane's filter words (`EventFilter`) for a command that reads the log, so that one
/// filter language serves everywhere: `eventsdash tail --match 'volume:gv0 sev:problem'`.
public struct LoggedEventFilter: Sendable {
    private let filter: EventFilter
    private let nodeNames: [String: String]

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// - Parameter nodeNames: host names by node id, for `node:` (ids and addresses match without).
    public init(parsing words: String, nodeNames: [String: String] = [:]) throws(ParseError) {
        do {
            filter = try EventFilter(parsing: words)
        } catch {
            throw ParseError(description: "\(error.description) (words: \(EventFilter.prefixes))")
        }
        self.nodeNames = nodeNames
    }

    public func matches(_ event: LoggedEvent) -> Bool {
        filter.matches(RecentEvents.Entry(logged: event), nodeNames: nodeNames)
    }
}
