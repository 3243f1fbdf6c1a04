import EventIngest
import Foundation
import GlusterEvents
import GlusterHost
import WebhookDelivery

/// What a running engine publishes about itself once a second (`engine.json` in the state
/// directory), for `status`, and for dashboards attached to it.
public struct EngineStatus: Sendable, Codable, Equatable {
    public var pid: Int32
    public var startedAt: Int64
    public var updatedAt: Int64
    public var nodeID: String
    public var port: Int
    /// Addresses being received on, e.g. `0.0.0.0:55555`.
    public var listen: [String]
    /// Addresses that could not be bound, with why.
    public var listenFailures: [String]
    /// The socket receive buffer the kernel granted (bytes, as `SO_RCVBUF` reports it).
    public var receiveBufferBytes: Int
    public var received: Int
    public var accepted: Int
    public var rejected: Int
    public var truncated: Int
    public var kernelDrops: Int
    /// Accepted events dropped because the log could not be written while memory held its limit.
    public var droppedUnlogged: Int
    public var rejectedByReason: [String: Int]
    /// The sequence number of the newest logged event (0 when none).
    public var lastSequence: UInt64
    /// A problem the engine is having now (e.g. the event log cannot be written), or nil.
    public var problem: String?
    public var webhooks: [String: WebhookHealth]
    /// Nodes heard from since the engine started, and the peers glusterd knows, by node id.
    public var nodes: [String: NodeStatus]
    /// Events from nodes beyond the first 256, counted together as `(other nodes)` in `nodes`
    /// (nil from an engine older than this field).
    public var overflowNodeEvents: Int? = nil
    /// HTTP ingest, when it is on.
    public var http: HTTPIngestStatus?
    /// The UDP sources `--allow-from` lets in besides loopback; nil: any.
    public var allowFrom: [String]? = nil
    /// Each limit on what outside input may cost that was reached, with how often (e.g.
    /// `http_connection_limit`, `ingest_queue_full`); nil or empty when none was.
    public var limitsReached: [String: Int]? = nil
    /// The event log's size against its limits (nil in files of older engines).
    public var log: EventLogStatus? = nil
    /// Sending health problems to each Alertmanager, by URL (nil without `--alertmanager`).
    public var alertmanager: [String: AlertmanagerStatus]? = nil
    /// Where `/metrics` is served (`http://127.0.0.1:9714/metrics`), nil when it is not.
    public var metrics: [String]? = nil
    /// The event log's epoch (`EventLogEpoch`; nil from an engine older than it).
    public var logEpoch: String? = nil

    /// What the `webhook-id` of each of this engine's events is made of.
    public var messageIDs: WebhookMessageIDs? { logEpoch.map { WebhookMessageIDs(nodeID: nodeID, epoch: $0) } }

    enum CodingKeys: String, CodingKey {
        case pid, port, listen, received, accepted, rejected, truncated, webhooks, problem, http, nodes, log, alertmanager, metrics
        case logEpoch = "log_epoch"
        case startedAt = "started_at"
        case updatedAt = "updated_at"
        case nodeID = "node_id"
        case listenFailures = "listen_failures"
        case receiveBufferBytes = "receive_buffer_bytes"
        case kernelDrops = "kernel_drops"
        case droppedUnlogged = "dropped_unlogged"
        case rejectedByReason = "rejected_by_reason"
        case lastSequence = "last_sequence"
        case allowFrom = "allow_from"
        case limitsReached = "limits_reached"
        case overflowNodeEvents = "overflow_node_events"
    }

    /// Published once a second: older than this, the figures are stale.
    public static let staleAfterSeconds: Int64 = 5

    /// This status read by another process (`status`, an attached dashboard): with `problem` saying
    /// so when the figures are stale. The usual reason is a full disk (the engine keeps running,
    /// holding events in memory, but cannot write this file either).
    public func asSeen(stateDirectory: String, now: Int64 = Int64(Date().timeIntervalSince1970)) -> EngineStatus {
        let age = now.saturatingSubtracting(updatedAt)
        guard age > Self.staleAfterSeconds else { return self }
        var seen = self
        var space = statvfs()
        if statvfs(stateDirectory, &space) == 0, UInt64(space.f_bavail) * UInt64(space.f_frsize) < 64 << 10 {
            seen.problem =
                "No space left on device in \(stateDirectory): the engine (pid \(pid)) cannot publish its figures (these are \(age) s old)"
                + " nor log events; it holds them in memory until it can"
        } else {
            seen.problem = "the engine (pid \(pid)) has published nothing for \(age) s: stopped or stuck?"
        }
        return seen
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: path)
    }

    /// The status in `path`; with `publisher`, only when that engine wrote it (the file of an engine
    /// that was killed stays until its successor, which takes the lock before it receives, publishes).
    public static func read(from path: String, publishedBy publisher: Int32? = nil) -> EngineStatus? {
        guard let data = FileManager.default.contents(atPath: path),
            let status = try? JSONDecoder().decode(EngineStatus.self, from: data)
        else { return nil }
        return publisher == nil || status.pid == publisher ? status : nil
    }
}

/// HTTP ingest's addresses and figures.
public struct HTTPIngestStatus: Sendable, Codable, Equatable {
    public var listen: [String]
    public var requests: Int
    public var events: Int
    public var pings: Int
    /// `GET /metrics` answered (nil from an engine older than metrics).
    public var scrapes: Int?
    public var rejected: Int
    public var rejectedByReason: [String: Int]
    /// Connections it closed on its own, by the limit reached (`connection_limit`, `idle_timeout`…).
    public var closedByReason: [String: Int]?
    public var openConnections: Int?

    init(listen: [String], counters: HTTPIngestCounters.Snapshot) {
        self.listen = listen
        requests = counters.requests
        events = counters.events
        pings = counters.pings
        scrapes = counters.scrapes
        rejected = counters.rejected
        rejectedByReason = counters.rejectedByReason
        closedByReason = counters.closedByReason
        openConnections = counters.openConnections
    }

    /// The HTTP limits reached, named for `EngineStatus.limitsReached`.
    var limitsReached: [String: Int] {
        var limits: [String: Int] = [:]
        for (reason, count) in closedByReason ?? [:] { limits["http_" + reason] = count }
        for reason in [HTTPIngestRejection.tooLarge, .busy, .malformed] {
            if let count = rejectedByReason[reason.rawValue] { limits["http_" + reason.rawValue] = count }
        }
        return limits
    }

    enum CodingKeys: String, CodingKey {
        case listen, requests, events, pings, scrapes, rejected
        case rejectedByReason = "rejected_by_reason"
        case closedByReason = "closed_by_reason"
        case openConnections = "open_connections"
    }
}
