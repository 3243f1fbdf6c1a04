import Foundation
import Testing
import TestSupport

/// HTTPS webhooks: verification always on unless a webhook says otherwise, a CA file per webhook,
/// and a certificate failure that says what to do.
@Suite struct TLSDeliveryTests {
    private func health(_ serve: ServeProcess, _ url: String) -> [String: Any] {
        (serve.engineStatus()?["webhooks"] as? [String: [String: Any]])?[url] ?? [:]
    }

    @Test func anUntrustedCertificateIsRefusedUntilItsCAIsGiven() throws {
        let server = try HTTPSWebhookServer()
        let workdir = TemporaryDirectory()
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path])
        let port = freePort()
        let serve = try ServeProcess(
            workdir: workdir.path, port: port, listen: ["127.0.0.1"], extraArguments: DeliveryReliabilityTests.fastRetries)
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_CREATE", "name=tls"])
        var error = ""
        #expect(waitFor(timeout: 5) {
            error = self.health(serve, server.url)["last_error"] as? String ?? ""
            return !error.isEmpty
        })
        #expect(error.contains("certificate"))
        #expect(error.contains("eventsdash webhook-mod \(server.url) --ca-file"))
        #expect(server.received.isEmpty)

        // Trusting its certificate: the event still waiting is delivered.
        try Eventsdash.run(["webhook-mod", server.url, "--workdir", workdir.path, "--ca-file", server.certificate])
        #expect(waitFor(timeout: 10) { server.received.count == 1 })
        #expect(server.received.first?.contains(#""name": "tls""#) == true)
        let test = try Eventsdash.run(["webhook-test", server.url, "--workdir", workdir.path])
        #expect(test.stdout.contains("OK: HTTP 200"))
    }

    @Test func verificationOffIsExplicitAndShown() throws {
        let server = try HTTPSWebhookServer()
        let workdir = TemporaryDirectory()
        try Eventsdash.run(["webhook-add", server.url, "--workdir", workdir.path, "--insecure"])
        let status = try Eventsdash.run(["status", "--workdir", workdir.path])
        #expect(status.stdout.contains("\(server.url)  (TLS verification OFF)"))
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_CREATE", "name=insecure"])
        #expect(waitFor(timeout: 10) { server.received.count == 1 })
        try Eventsdash.run(["webhook-mod", server.url, "--workdir", workdir.path, "--verify-tls"])
        let mended = try Eventsdash.run(["webhook-test", server.url, "--workdir", workdir.path])
        #expect(mended.status != 0)
        #expect(mended.stdout.contains("certificate"))
    }
}
