import ClusterHealth
import Foundation
import GlusterEvents
import Synchronization
import WebhookDelivery

/// Sends the health problems to each Alertmanager as alerts (`AlertBook`), from the engine's
/// housekeeping: `update` only works out what to send and queues it on an HTTP client of its own,
/// so a slow or down Alertmanager never delays housekeeping, ingest, webhooks or another
/// Alertmanager. Grouping, silences, routing and deduplication of an HA pair are Alertmanager's.
final class AlertmanagerNotifier: Sendable {
    private let settings: AlertmanagerSettings
    private let nodeID: String
    private let client: any DeliveryTransport
    /// The book and each endpoint's target (same order as `settings.endpoints`).
    private let state: Mutex<(book: AlertBook, targets: [AlertmanagerTarget])>

    init(settings: AlertmanagerSettings, nodeID: String, client: any DeliveryTransport) {
        self.settings = settings
        self.nodeID = nodeID
        self.client = client
        state = Mutex(
            (AlertBook(resendInterval: settings.resendInterval, pendingFor: settings.pendingFor), Array(repeating: AlertmanagerTarget(), count: settings.endpoints.count)))
    }

    /// Takes up the health `report` and sends to each Alertmanager that is due. Never blocks.
    func update(with report: HealthReport, at now: Double = Date().timeIntervalSince1970) {
        let requests = state.withLock { state -> (indices: [Int], version: Int, body: String) in
            state.book.update(with: report, nodeID: nodeID, at: now)
            let version = state.book.version
            let due = state.targets.indices.filter {
                state.targets[$0].isDue(version: version, at: now, resendInterval: settings.resendInterval)
            }
            guard !due.isEmpty else { return ([], version, "") }
            let alerts = state.book.alerts(at: now)
            for index in due {
                if alerts.isEmpty {
                    state.targets[index].skip(version: version)
                } else {
                    state.targets[index].sending(alerts: alerts.count, at: now)
                }
            }
            // Encoded only when sent (there may be thousands of problems).
            return alerts.isEmpty ? ([], version, "") : (due, version, JSONValue.array(alerts.map(\.json)).encoded())
        }
        for index in requests.indices { send(requests.body, to: index, version: requests.version) }
    }

    private func send(_ body: String, to index: Int, version: Int) {
        let authorization = settings.credentials.map { ["Authorization: Basic " + Data($0.utf8).base64EncodedString()] } ?? []
        let request = HTTPRequest(
            url: settings.endpoints[index].alertsURL, headers: ["Content-Type: application/json"] + authorization, body: body,
            connectTimeoutMillis: settings.connectTimeoutMillis, totalTimeoutMillis: settings.totalTimeoutMillis)
        client.post(request) { [self] outcome in
            let error = outcome.isSuccess ? nil : outcome.summary + (outcome.responseExcerpt.map { ": " + $0 } ?? "")
            state.withLock { $0.targets[index].finished(version: version, error: error, at: Date().timeIntervalSince1970) }
        }
    }

    /// Each Alertmanager's figures, by URL (without credentials).
    var status: [String: AlertmanagerStatus] {
        let targets = state.withLock { $0.targets }
        return Dictionary(zip(settings.endpoints.map(\.description), targets.map(\.status)), uniquingKeysWith: { first, _ in first })
    }
}
