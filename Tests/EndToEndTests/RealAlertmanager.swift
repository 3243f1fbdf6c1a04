import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Debian's real Alertmanager (`prometheus-alertmanager`, installed by `scripts/setup --tests`),
/// started on a free loopback port with a private storage folder and no clustering, routing every
/// alert to `receiver` (a webhook) grouped by `alertname` and `volume`; read back with the real
/// `amtool`. Its `group_wait` (3 s) is long enough that alerts eventsdash sends a second apart (a
/// loaded machine may split two datagrams across its once-a-second look) still make one notification.
final class RealAlertmanager {
    static let binary = "/usr/bin/prometheus-alertmanager"
    static let amtool = "/usr/bin/amtool"
    static let installed = RealTool.installed(binary, amtool)

    let url: String
    private let process = Process()
    private let folder = TemporaryDirectory()

    /// Waits up to 20 s for it to answer.
    init(receiver: String) throws {
        let port = freeTCPPortForLater()
        url = "http://127.0.0.1:\(port)"
        folder.write(
            """
            route:
              receiver: eventsdash-test
              group_by: [alertname, volume]
              group_wait: 3s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: eventsdash-test
                webhook_configs:
                  - url: \(receiver)
                    send_resolved: true
            """, to: "alertmanager.yml")
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=" + folder.file("alertmanager.yml"), "--web.listen-address=127.0.0.1:\(port)",
            "--cluster.listen-address=", "--storage.path=" + folder.file("data"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard waitFor(timeout: 20, { self.alerts() != nil }) else {
            stop()
            throw Failure(description: "alertmanager did not answer on \(url) within 20 s")
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// `amtool alert query -o json`: the active alerts (nil when it cannot ask).
    func alerts() -> [[String: Any]]? {
        guard let result = try? Command.run(Self.amtool, ["alert", "query", "--alertmanager.url=" + url, "-o", "json"]),
            result.status == 0
        else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
    }

    /// `amtool alert query -o extended`, as a person reads it.
    func alertsText() -> String {
        (try? Command.run(Self.amtool, ["alert", "query", "--alertmanager.url=" + url, "-o", "extended"]).stdout) ?? ""
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
