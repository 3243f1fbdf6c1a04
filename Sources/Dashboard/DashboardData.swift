import ClusterHealth
import EventLog
import EventsEngine
import Foundation
import GlusterEvents
import GlusterHost
import Synchronization
import WebhookDelivery

/// What one frame shows of the engine and the shared files, gathered once per frame on the
/// dashboard thread.
struct DashboardData {
    var status: EngineStatus
    /// What is wrong with the cluster (the header's health line, the health pane).
    var health: HealthReport
    var webhooks: [Webhook]
    var config: EventsConfig
    var files: StateLayout
    /// Whether `--port` chose the port rather than the config.
    var portOverridden: Bool
    /// The engine's pid when the dashboard is attached to one running elsewhere.
    var attachedPID: Int32?
    var logUsage: EventLogUsage
    var pings: [String: PingResult]
    var rates: EventRateHistory
    var now: Date
    var events: RecentEvents
    /// The durable log's events before those held (nil: none reachable, as in tests).
    var history: EventLogHistory? = nil
    /// The oldest sequence the log still has, as of the last second.
    var logOldest: UInt64? = nil
    /// Rows already decoded for recent frames.
    var rowCache: EventRowCache
    /// The detail view's event, read back whole when it is held abridged.
    var wholeEvents: WholeEventCache
    /// The held events as the counts view counts them, decoded as it asks.
    var countedEvents: CountedEvents
    /// Host names of node ids, where known.
    var nodeNames: [String: String] { status.nodes.compactMapValues(\.name) }
    /// The given-up events of the webhook view's webhook, newest first (empty elsewhere).
    var givenUp: [GivenUpLog.Entry]
    /// What became of an event at each webhook, by URL, with what `given-up.log` adds (asked only
    /// by the detail view).
    var deliveries: (_ sequence: UInt64, _ eventName: String) -> [String: EventDelivery]
}

/// The outcome of a test ping started from the webhooks pane.
enum PingResult: Equatable {
    case pending
    case done(HTTPOutcome)

    /// `ping HTTP 200 in 3.1 ms`, or what went wrong.
    var summary: String {
        switch self {
        case .pending: "ping…"
        case .done(let outcome):
            "ping \(outcome.summary) in \(DashboardFormat.millis(outcome.latencySeconds * 1000))"
        }
    }
}

/// Test pings in progress and recently done, by URL: written by the HTTP thread, read by the
/// dashboard. A result shows in its row for `shownFor` seconds, then the row shows delivery again.
final class PingBoard: Sendable {
    static let shownFor: TimeInterval = 30

    private let results = Mutex<[String: (result: PingResult, at: Date)]>([:])
    private let finished = Mutex<[(url: String, outcome: HTTPOutcome)]>([])

    func snapshot(now: Date = Date()) -> [String: PingResult] {
        results.withLock { results in
            results = results.filter { $0.value.result == .pending || now.timeIntervalSince($0.value.at) < Self.shownFor }
            return results.mapValues(\.result)
        }
    }

    func start(_ url: String) { results.withLock { $0[url] = (.pending, Date()) } }

    func finish(_ url: String, _ outcome: HTTPOutcome) {
        results.withLock { $0[url] = (.done(outcome), Date()) }
        finished.withLock { $0.append((url, outcome)) }
    }

    /// Pings finished since the last call, to announce on the message line.
    func takeFinished() -> [(url: String, outcome: HTTPOutcome)] {
        finished.withLock { list in
            defer { list = [] }
            return list
        }
    }
}
