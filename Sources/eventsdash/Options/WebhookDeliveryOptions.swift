import ArgumentParser
import Foundation
import GlusterEvents
import WebhookDelivery

/// eventsdash's per-webhook delivery options of webhook-add / -mod (gluster-eventsapi has none of
/// these; they are kept in the webhook's entry, where gluster's tools ignore them).
struct WebhookDeliveryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only these events: names or globs, comma-separated (e.g. 'VOLUME_*,BRICK_DISCONNECTED'); 'all' for every event.",
            valueName: "LIST"))
    var events: String?

    @Option(help: "Requests in flight at once (1 keeps strict order, as glustereventsd). Default 16.")
    var maxInFlight: Int?

    @Option(help: ArgumentHelp("Verify the server with this CA bundle (PEM) instead of the system's; '' for the system's.", valueName: "FILE"))
    var caFile: String?

    @Flag(help: "Turn TLS verification off for this webhook (shown in status and the dashboard).")
    var insecure = false

    @Flag(help: "Turn TLS verification back on.")
    var verifyTLS = false

    @Option(help: ArgumentHelp("Give up on a request to this webhook after this long; 'default': the engine's --timeout.", valueName: "SECONDS"))
    var timeout: String?

    @Option(help: ArgumentHelp("Its longest wait between retries; 'default': the engine's --retry-max-delay.", valueName: "SECONDS"))
    var retryMaxDelay: String?

    @Option(help: ArgumentHelp("Retry its events this long before giving them up; 'default': the engine's --give-up-after.", valueName: "SECONDS"))
    var giveUpAfter: String?

    /// A per-webhook number of seconds: nil for `default` (the engine's), else the value, checked
    /// against `range`.
    private static func seconds(_ text: String, _ option: String, _ range: ClosedRange<Double>) throws -> Double? {
        if text.lowercased() == "default" { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw ValidationError("--\(option) must be 'default' or \(range.lowerBound) to \(range.upperBound) seconds")
        }
        return value
    }

    func validate() throws {
        if insecure && verifyTLS { throw ValidationError("--insecure and --verify-tls contradict each other") }
        if let maxInFlight, !(1...256).contains(maxInFlight) { throw ValidationError("--max-in-flight must be 1 to 256") }
        if let caFile, !caFile.isEmpty, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile): no such readable file")
        }
        _ = try timeout.map { try Self.seconds($0, "timeout", WebhookSettings.timeoutRange) }
        _ = try retryMaxDelay.map { try Self.seconds($0, "retry-max-delay", WebhookSettings.retryMaxDelayRange) }
        _ = try giveUpAfter.map { try Self.seconds($0, "give-up-after", WebhookSettings.giveUpAfterRange) }
        for name in eventNames where !Glob(name).hasWildcards && EventCatalog.number(of: name) == nil {
            throw ValidationError("--events: \(name) is not a gluster event (names are e.g. VOLUME_CREATE; globs: VOLUME_*)")
        }
    }

    private var eventNames: [String] {
        guard let events, events.lowercased() != "all" else { return [] }
        return events.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    var isEmpty: Bool {
        events == nil && maxInFlight == nil && caFile == nil && !insecure && !verifyTLS && timeout == nil && retryMaxDelay == nil
            && giveUpAfter == nil
    }

    /// The settings with these options applied.
    func applied(to current: WebhookSettings) -> WebhookSettings {
        var settings = current
        if events != nil { settings.events = eventNames }
        if let maxInFlight { settings.maxInFlight = maxInFlight }
        if let caFile { settings.caFile = caFile.isEmpty ? nil : caFile }
        if insecure { settings.verifyTLS = false }
        if verifyTLS { settings.verifyTLS = true }
        // Checked in `validate()`.
        if let timeout { settings.timeoutSeconds = try? Self.seconds(timeout, "timeout", WebhookSettings.timeoutRange) }
        if let retryMaxDelay {
            settings.retryMaxDelaySeconds = try? Self.seconds(retryMaxDelay, "retry-max-delay", WebhookSettings.retryMaxDelayRange)
        }
        if let giveUpAfter { settings.giveUpAfterSeconds = try? Self.seconds(giveUpAfter, "give-up-after", WebhookSettings.giveUpAfterRange) }
        return settings
    }
}
