import ClusterHealth
import Foundation
import Synchronization
import Testing
import WebhookDelivery

@testable import EventsEngine

/// The notifier sends each Alertmanager the alerts on its own: one failing never stops another.
@Suite struct AlertmanagerNotifierTests {
    /// Answers each URL as told (200 by default), recording the requests; holds back `held` URLs'
    /// answers until released, as a hung Alertmanager would.
    final class FakeAlertmanagers: DeliveryTransport {
        let requests = Mutex<[HTTPRequest]>([])
        let refused = Mutex<Set<String>>([])
        let held = Mutex<(urls: Set<String>, waiting: [CurlMultiClient.Completion])>(([], []))

        func post(_ request: HTTPRequest, completion: @escaping CurlMultiClient.Completion) {
            requests.withLock { $0.append(request) }
            let hold = held.withLock { held in
                guard held.urls.contains(request.url) else { return false }
                held.waiting.append(completion)
                return true
            }
            guard !hold else { return }
            let refuse = refused.withLock { $0.contains(request.url) }
            completion(HTTPOutcome(status: refuse ? nil : 200, error: refuse ? "Couldn't connect to server" : nil, latencySeconds: 0))
        }

        func sent(to url: String) -> [HTTPRequest] { requests.withLock { $0.filter { $0.url == url } } }
    }

    let down = AlertmanagerAlertTests.report([("BRICK_DISCONNECTED", AlertmanagerAlertTests.b1)])

    private func notifier(_ transport: FakeAlertmanagers) throws -> AlertmanagerNotifier {
        let endpoints = try ["http://a:9093", "http://b:9093/"].map { try AlertmanagerEndpoint($0) }
        var settings = AlertmanagerSettings(endpoints: endpoints, resendInterval: 60)
        settings.pendingFor = 0  // sending is what is tested here (AlertBookTests: the pending time)
        return AlertmanagerNotifier(settings: settings, nodeID: "n", client: transport)
    }

    @Test func eachAlertmanagerGetsTheAlertsWhateverTheOtherDoes() throws {
        let transport = FakeAlertmanagers()
        transport.held.withLock { $0.urls = ["http://b:9093/api/v2/alerts"] }
        let notifier = try notifier(transport)
        notifier.update(with: .empty, at: 100)
        #expect(transport.requests.withLock { $0.isEmpty })  // nothing fires: nothing sent
        notifier.update(with: down, at: 101)
        notifier.update(with: down, at: 102)
        notifier.update(with: down, at: 103)
        let toA = transport.sent(to: "http://a:9093/api/v2/alerts")
        #expect(toA.count == 1)
        #expect(transport.sent(to: "http://b:9093/api/v2/alerts").count == 1)  // hung: not asked again meanwhile
        let body = try #require(try JSONSerialization.jsonObject(with: Data(toA[0].body.utf8)) as? [[String: Any]])
        #expect((body.first?["labels"] as? [String: String])?["alertname"] == "GlusterBrickDown")
        #expect(toA[0].headers == ["Content-Type: application/json"])
        #expect(notifier.status["http://a:9093"]?.sent == 1)
        #expect(notifier.status["http://b:9093"]?.failing == nil)

        notifier.update(with: .empty, at: 104)  // the brick is back: A hears at once
        #expect(transport.sent(to: "http://a:9093/api/v2/alerts").count == 2)
        notifier.update(with: .empty, at: 164)  // and again at the next resend
        #expect(transport.sent(to: "http://a:9093/api/v2/alerts").count == 3)
    }

    @Test func aRefusingAlertmanagerIsCountedAndRetried() throws {
        let transport = FakeAlertmanagers()
        transport.refused.withLock { $0 = ["http://a:9093/api/v2/alerts"] }
        let notifier = try notifier(transport)
        notifier.update(with: down, at: 100)
        notifier.update(with: down, at: 101)
        let a = try #require(notifier.status["http://a:9093"])
        let b = try #require(notifier.status["http://b:9093"])
        #expect(a.failing == true && a.failed == 1 && a.sent == 0)
        #expect(b.failing == false && b.failed == 0 && b.sent == 1)
        transport.refused.withLock { $0 = [] }
        notifier.update(with: down, at: 100 + AlertmanagerTarget.retryDelay)
        let recovered = try #require(notifier.status["http://a:9093"])
        #expect(recovered.failing == false && recovered.sent == 1)
    }
}
