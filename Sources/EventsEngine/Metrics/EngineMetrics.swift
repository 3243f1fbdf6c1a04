import ClusterHealth
import EventIngest
import GlusterEvents
import Prometheus
import WebhookDelivery

/// The engine's figures as a Prometheus page (`/metrics`), worked out when scraped from what the
/// engine keeps anyway (its status, the event types counted, the health report), so that serving
/// metrics costs ingest nothing. The counters live elsewhere (atomics, delivery tallies that
/// outlast a restart), so each scrape fills a registry of its own from their values; the
/// histograms are observed as requests finish (`DeliveryTimings`). swift-prometheus writes the page.
///
/// Label sets are bounded: event types are the catalog's names and `UNKNOWN`, nodes the engine's
/// first 256, webhooks and volumes those registered and followed; values are cut at 256 bytes.
enum EngineMetrics {
    /// What a scrape shows.
    struct Figures {
        var status: EngineStatus
        var eventTypes: [(name: String, count: Int)]
        /// nil until the health state is rebuilt from the log.
        var health: HealthReport?
        /// When the oldest event still in the log was received (Unix seconds).
        var oldestEventAt: Double?
        var version: String
    }

    /// The most volumes a page shows.
    static let maxVolumes = 256
    /// The most bricks a page shows (of the volumes shown, in order).
    static let maxBricks = 2_048

    static func name(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "eventsdash", metricName: name, unitName: "", helpText: help)
    }

    static func page(_ figures: Figures, timings: DeliveryTimings) -> [UInt8] {
        let page = Page()
        page.engine(figures)
        page.ingest(figures.status)
        page.events(figures)
        page.log(figures)
        page.webhooks(figures.status.webhooks)
        page.health(figures.health)
        page.alertmanagers(figures.status.alertmanager ?? [:])
        var bytes: [UInt8] = []
        page.registry.emit(into: &bytes)
        timings.emit(into: &bytes)
        return MetricFamilies.sorted(bytes)
    }

    /// One scrape's registry, filled family by family.
    private struct Page {
        let registry = PrometheusCollectorRegistry()

        func counter(_ metric: String, _ help: String, _ labels: [(String, String)] = [], _ value: Int) {
            registry.makeCounter(descriptor: EngineMetrics.name(metric, help), labels: labels.bounded).increment(by: Int64(max(0, value)))
        }

        func gauge(_ metric: String, _ help: String, _ labels: [(String, String)] = [], _ value: Double) {
            registry.makeGauge(descriptor: EngineMetrics.name(metric, help), labels: labels.bounded).set(value.isFinite ? value : 0)
        }

        func engine(_ figures: Figures) {
            gauge(
                "info", "The engine's version and node id (always 1).",
                [("version", figures.version), ("node", figures.status.nodeID)], 1)
            gauge("start_time_seconds", "When the engine started (Unix seconds).", [], Double(figures.status.startedAt))
            gauge(
                "engine_problem", "1 while the engine reports a problem (event log unwritable, a shared file invalid…), else 0.",
                [], figures.status.problem == nil ? 0 : 1)
            for (limit, count) in figures.status.limitsReached ?? [:] {
                counter("limit_reached_total", "Times a limit on outside input was reached, by limit.", [("limit", limit)], count)
            }
        }

        func ingest(_ status: EngineStatus) {
            counter("udp_datagrams_received_total", "UDP datagrams received.", [], status.received)
            counter("udp_datagrams_accepted_total", "UDP datagrams accepted as events.", [], status.accepted)
            let reasons = Set(DatagramRejection.allCases.map(\.rawValue)).union(status.rejectedByReason.keys)
            for reason in reasons.sorted() {
                counter(
                    "udp_datagrams_rejected_total", "UDP datagrams rejected, by reason (truncated and source-not-allowed among them).",
                    [("reason", reason)], status.rejectedByReason[reason] ?? 0)
            }
            counter("udp_kernel_drops_total", "Datagrams the kernel dropped before eventsdash read them (socket buffer full).", [], status.kernelDrops)
            counter(
                "events_dropped_unlogged_total", "Events dropped because the event log could not be written and the hold limit was reached.",
                [], status.droppedUnlogged)
            guard let http = status.http else { return }
            let answered: [(String, Int, Int)] =
                [("event", 200, http.events), ("ping", 200, http.pings), ("metrics", 200, http.scrapes ?? 0)]
                + HTTPIngestRejection.allCases.map { ($0.rawValue, $0.statusCode, http.rejectedByReason[$0.rawValue] ?? 0) }
            for (outcome, code, count) in answered {
                counter(
                    "http_ingest_requests_total", "HTTP ingest requests, by outcome and the status code answered.",
                    [("outcome", outcome), ("code", String(code))], count)
            }
            for reason in HTTPIngestClosure.allCases {
                counter(
                    "http_ingest_connections_closed_total", "HTTP ingest connections closed by eventsdash, by the limit reached.",
                    [("reason", reason.rawValue)], http.closedByReason?[reason.rawValue] ?? 0)
            }
            gauge("http_ingest_open_connections", "HTTP ingest connections open now.", [], Double(http.openConnections ?? 0))
        }

        func events(_ figures: Figures) {
            for (type, count) in figures.eventTypes {
                counter("events_total", "Events logged since the engine started, by type (catalog names; UNKNOWN for others).", [("event", type)], count)
            }
            for (node, seen) in figures.status.nodes.sorted(by: { $0.key < $1.key }) {
                counter("node_events_total", "Events logged since the engine started, by the node they came from.", [("node", node)], seen.events)
                if let last = seen.lastEventAtMillis {
                    gauge(
                        "node_last_event_timestamp_seconds", "When the newest event from the node arrived (Unix seconds).",
                        [("node", node)], Double(last) / 1000)
                }
            }
        }

        func log(_ figures: Figures) {
            let status = figures.status
            gauge("event_log_last_sequence", "The sequence number of the newest logged event.", [], Double(status.lastSequence))
            if let log = status.log {
                gauge("event_log_bytes", "The event log's size on disk.", [], Double(log.bytes))
                gauge("event_log_retention_bytes", "The event log's retention (--log-retention).", [], Double(log.retentionBytes))
                gauge("event_log_max_bytes", "The event log's hard limit (--log-max-size).", [], Double(log.maxBytes))
            }
            if let oldest = figures.oldestEventAt {
                gauge("event_log_oldest_event_timestamp_seconds", "When the oldest event in the log was received (Unix seconds).", [], oldest)
            }
        }

        func webhooks(_ webhooks: [String: WebhookHealth]) {
            for (url, health) in webhooks.sorted(by: { $0.key < $1.key }) {
                let labels = [("webhook", MetricLabel.webhook(url))]
                counter("webhook_delivered_total", "Events delivered to the webhook.", labels, health.delivered)
                counter("webhook_failed_attempts_total", "Failed requests to the webhook (each retry counts).", labels, health.failed)
                counter("webhook_given_up_total", "Events the webhook will not be sent again (refused, retried too long, or deleted).", labels, health.givenUp)
                gauge("webhook_retrying", "Events waiting for a retry.", labels, Double(health.retrying))
                gauge("webhook_backlog", "Events queued for the webhook and not yet sent.", labels, Double(health.backlog))
                gauge(
                    "webhook_oldest_undelivered_age_seconds", "How long the oldest event not yet delivered has waited (0 when none waits).",
                    labels, health.behindSeconds ?? 0)
                if let success = health.lastSuccessAt {
                    gauge("webhook_last_success_timestamp_seconds", "When the webhook last took an event (Unix seconds).", labels, Double(success))
                }
                for state in [WebhookHealth.State.idle, .healthy, .retrying, .failing, .skipped] {
                    gauge(
                        "webhook_state", "The webhook's state: 1 for the present one.", labels + [("state", state.rawValue)],
                        health.state == state ? 1 : 0)
                }
            }
        }

        func alertmanagers(_ alertmanagers: [String: AlertmanagerStatus]) {
            for (url, status) in alertmanagers.sorted(by: { $0.key < $1.key }) {
                let labels = [("alertmanager", url)]  // without credentials (`AlertmanagerEndpoint`)
                counter("alertmanager_requests_total", "Requests Alertmanager took.", labels, status.sent)
                counter("alertmanager_failed_requests_total", "Requests to Alertmanager that failed.", labels, status.failed)
                gauge("alertmanager_failing", "1 while the last request to Alertmanager failed.", labels, status.failing == true ? 1 : 0)
                gauge("alertmanager_alerts", "Alerts in the last request (firing and lately ended).", labels, Double(status.alerts))
            }
        }

        /// Each brick of the volumes shown, as gluster last listed it (at most `maxBricks`).
        func bricks(_ volumes: [HealthReport.Volume]) {
            var shown = 0
            for volume in volumes {
                for brick in volume.bricks {
                    guard shown < EngineMetrics.maxBricks else {
                        gauge("bricks_not_shown", "Bricks left off this page.", [], Double(volumes.reduce(0) { $0 + $1.bricks.count } - shown))
                        return
                    }
                    shown += 1
                    let labels = [("volume", volume.name), ("host", brick.host), ("brick", brick.path)]
                    if let online = brick.online { gauge("brick_up", "1 while the brick's process runs, as gluster and the events tell.", labels, online ? 1 : 0) }
                    if let space = brick.space {
                        gauge("brick_size_bytes", "The brick's file system: bytes.", labels, Double(space.sizeTotal))
                        gauge("brick_free_bytes", "The brick's file system: bytes free (those kept for root included).", labels, Double(space.sizeFree))
                        gauge("brick_inodes", "The brick's file system: inodes.", labels, Double(space.inodesTotal))
                        gauge("brick_inodes_free", "The brick's file system: inodes free.", labels, Double(space.inodesFree))
                    }
                    if let heal = brick.heal {
                        gauge("brick_heal_pending_entries", "Entries this brick holds to heal (heal info summary).", labels, Double(heal.pending))
                        gauge("brick_split_brain_entries", "Entries in split-brain on this brick (heal info summary).", labels, Double(heal.splitBrain))
                    }
                }
            }
        }

        /// Whether the gluster CLI answered, and when it last did.
        func gluster(_ source: GlusterSource) {
            guard source.state != .notAsked, source.state != .absent else { return }
            gauge("gluster_up", "1 if glusterd answered the last poll (volume info and status), else 0.", [], source.state == .unanswered ? 0 : 1)
            if let last = source.lastAnswer {
                gauge("gluster_last_answer_timestamp_seconds", "When glusterd last answered a poll (Unix seconds).", [], last)
            }
        }

        func health(_ report: HealthReport?) {
            gauge("health_ready", "1 once the health state is rebuilt from the event log (the health figures follow).", [], report == nil ? 0 : 1)
            guard let report else { return }
            gauge("health_status", "The cluster's status as a Nagios check has it: 0 OK, 1 warning, 2 critical.", [], Double(report.status.rawValue))
            for kind in ProblemKind.allCases {
                let open = report.problems.filter { $0.id.kind == kind && $0.isOpen }
                let labels = [("kind", kind.rawValue), ("severity", kind.severity.rawValue)]
                gauge("health_problems", "Open problems not muted, by kind and severity.", labels, Double(open.count { !$0.muted }))
                gauge("health_problems_muted", "Open problems muted in eventsdash, by kind and severity.", labels, Double(open.count(where: \.muted)))
            }
            gauge("health_untracked_problems", "Problems not followed because the table was full.", [], Double(report.untracked))
            // Volume names come from events: the health model follows up to 2048 of them, more than
            // a page should carry (and a scrape should cost). The worst come first.
            let shown = report.volumes.sorted {
                $0.state.rank != $1.state.rank ? $0.state.rank > $1.state.rank : $0.name < $1.name
            }.prefix(EngineMetrics.maxVolumes)
            gauge(
                "volumes_not_shown", "Volumes left off this page (it shows the \(EngineMetrics.maxVolumes) worst).", [],
                Double(report.volumes.count - shown.count))
            for volume in shown {
                let labels = [("volume", volume.name)]
                for state in VolumeState.allCases {
                    gauge("volume_state", "The volume's state: 1 for the present one.", labels + [("state", state.rawValue)], volume.state == state ? 1 : 0)
                }
                gauge("volume_bricks_down", "The volume's bricks down.", labels, Double(volume.bricksDown))
                gauge("volume_split_brain_entries", "The volume's split-brain entries open.", labels, Double(volume.splitBrains))
                if let total = volume.sizeTotal, let free = volume.sizeFree {
                    gauge("volume_size_bytes", "The volume's usable bytes (a replica set once, a disperse set without its redundancy).", labels, Double(total))
                    gauge("volume_free_bytes", "The volume's usable bytes free.", labels, Double(free))
                }
                if let pending = volume.healPending {
                    gauge("volume_heal_pending_entries", "Entries to heal: each subvolume's largest backlog, added up.", labels, Double(pending))
                }
            }
            bricks(Array(shown))
            gluster(report.sources.gluster)
            if let peers = report.peers {
                gauge("peers_known", "Peers glusterd knows.", [], Double(peers.known))
                gauge("peers_connected", "Peers connected.", [], Double(peers.connected))
            }
        }
    }
}

extension [(String, String)] {
    /// Label values cut to `MetricLabel.maxBytes`.
    fileprivate var bounded: [(String, String)] { map { ($0.0, MetricLabel.bounded($0.1)) } }
}
