import Foundation
import GlusterEvents
import WebhookDelivery

/// The form behind `a` (add) and `e` (edit) in the webhooks pane: URL, bearer token, JWT secret and
/// Standard Webhooks signing secrets, the last three masked as typed. Editing keeps a token or
/// secret that was not touched.
struct WebhookForm: Equatable {
    enum Purpose: Equatable {
        case add
        /// Editing the webhook registered as `url`, which had a token and/or a secret.
        case edit(url: String, hasToken: Bool, hasSecret: Bool, settings: WebhookSettings = WebhookSettings())
    }

    enum Field: Int, CaseIterable {
        case url, token, secret, signing, events, timeout, retryMaxDelay, giveUpAfter, caFile, verifyTLS

        var label: String {
            switch self {
            case .url: "URL"
            case .token: "Bearer token"
            case .secret: "JWT secret"
            case .signing: "Signing secrets"
            case .events: "Events"
            case .timeout: "Timeout"
            case .retryMaxDelay: "Max retry wait"
            case .giveUpAfter: "Give up after"
            case .caFile: "CA file"
            case .verifyTLS: "Verify TLS"
            }
        }
    }

    /// What saving the form asks for.
    enum Submission: Equatable {
        case add(Webhook)
        /// nil keeps the current value.
        case modify(url: String, token: String?, secret: String?, signingSecrets: [String]? = nil, settings: WebhookSettings?)
    }

    let purpose: Purpose
    var url: LineEditor
    var token = LineEditor(masked: true)
    var secret = LineEditor(masked: true)
    var signing = LineEditor(masked: true)
    var events = LineEditor()
    var timeout = LineEditor()
    var retryMaxDelay = LineEditor()
    var giveUpAfter = LineEditor()
    var caFile = LineEditor()
    var verifyTLS = true
    var focused = Field.url
    /// Why the last attempt to save failed.
    var error: String?

    init(purpose: Purpose) {
        self.purpose = purpose
        if case .edit(let url, _, _, let settings) = purpose {
            self.url = LineEditor(url)
            events = LineEditor(settings.events.joined(separator: ","))
            timeout = LineEditor(settings.timeoutSeconds.map(Self.text) ?? "")
            retryMaxDelay = LineEditor(settings.retryMaxDelaySeconds.map(Self.text) ?? "")
            giveUpAfter = LineEditor(settings.giveUpAfterSeconds.map(Self.text) ?? "")
            caFile = LineEditor(settings.caFile ?? "")
            verifyTLS = settings.verifyTLS
            focused = .token
        } else {
            url = LineEditor()
        }
    }

    /// The form to edit a registered webhook (its token and secret are never shown).
    init(editing webhook: Webhook) {
        self.init(
            purpose: .edit(
                url: webhook.url, hasToken: !webhook.token.isEmpty, hasSecret: !webhook.secret.isEmpty,
                settings: webhook.deliverySettings))
    }

    var title: String {
        switch purpose {
        case .add: "Add webhook"
        case .edit: "Edit webhook"
        }
    }

    /// Fields the user can change (the URL names the webhook, so editing keeps it).
    var editableFields: [Field] {
        if case .edit = purpose { return Array(Field.allCases.dropFirst()) }
        return Field.allCases
    }

    func editor(_ field: Field) -> LineEditor {
        switch field {
        case .url: url
        case .token: token
        case .secret: secret
        case .signing: signing
        case .events: events
        case .timeout: timeout
        case .retryMaxDelay: retryMaxDelay
        case .giveUpAfter: giveUpAfter
        case .caFile: caFile
        case .verifyTLS: LineEditor(verifyTLS ? "yes — the server's certificate must be trusted" : "NO — any certificate is accepted")
        }
    }

    /// Grey text in an empty field: what leaving it empty means.
    func placeholder(_ field: Field) -> String {
        switch (field, purpose) {
        case (.url, _): "http://host:port/path"
        case (.token, .edit(_, true, _, _)), (.secret, .edit(_, _, true, _)): "(set — kept unless you type a new one)"
        case (.token, _): "(none)"
        case (.secret, _): "(none; a secret signs each request as a JWT)"
        case (.signing, .edit(_, _, _, let settings)) where !settings.signingSecrets.isEmpty:
            "(\(settings.signingSecrets.count) set — kept unless you type new ones; - stops signing)"
        case (.signing, _): "(none; whsec_… for Standard Webhooks; several: space-separated)"
        case (.events, _): "(every event; or names and globs: VOLUME_*,BRICK_DISCONNECTED)"
        case (.timeout, _): "(the engine's --timeout; or seconds)"
        case (.retryMaxDelay, _): "(the engine's --retry-max-delay; or seconds)"
        case (.giveUpAfter, _): "(the engine's --give-up-after; or seconds)"
        case (.caFile, _): "(the system's CAs; or a PEM file for https)"
        case (.verifyTLS, _): ""
        }
    }

    enum Outcome: Equatable {
        case editing
        case cancel
        case submit(Submission)
    }

    /// Tab/↓ and Shift-Tab/↑ move between fields, Enter moves on and saves from the last one,
    /// Ctrl-S saves from any; Enter on a new webhook's URL saves it when nothing else was changed
    /// (a URL alone is the common case). Esc cancels.
    mutating func handle(_ key: Key) -> Outcome {
        let fields = editableFields
        let index = fields.firstIndex(of: focused) ?? 0
        switch key {
        case .escape: return .cancel
        case .tab, .down: focused = fields[(index + 1) % fields.count]
        case .backTab, .up: focused = fields[(index + fields.count - 1) % fields.count]
        case .enter where focused == .url && isURLAlone, .control("s"), .enter where index == fields.count - 1:
            switch validated() {
            case .success(let submission): return .submit(submission)
            case .failure(let problem): error = problem.description
            }
        case .enter: focused = fields[index + 1]
        default:
            switch focused {
            case .url: _ = url.handle(key)
            case .token: _ = token.handle(key)
            case .secret: _ = secret.handle(key)
            case .signing: _ = signing.handle(key)
            case .events: _ = events.handle(key)
            case .timeout: _ = timeout.handle(key)
            case .retryMaxDelay: _ = retryMaxDelay.handle(key)
            case .giveUpAfter: _ = giveUpAfter.handle(key)
            case .caFile: _ = caFile.handle(key)
            case .verifyTLS:
                if key == .character(" ") || key == .left || key == .right { verifyTLS.toggle() }
            }
            error = nil
        }
        return .editing
    }

    /// A new webhook with a URL typed and every other field as the form opened.
    private var isURLAlone: Bool {
        guard case .add = purpose, !url.string.trimmingWhitespace().isEmpty else { return false }
        let others = [token, secret, signing, events, timeout, retryMaxDelay, giveUpAfter, caFile]
        return others.allSatisfy { $0.string.isEmpty } && verifyTLS
    }

    /// The delivery settings the form describes, validated as `webhook-add` validates them.
    private func settings(from current: WebhookSettings) -> Result<WebhookSettings, Problem> {
        var settings = current
        let names = events.string.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        if let unknown = names.first(where: { !Glob($0).hasWildcards && EventCatalog.number(of: $0) == nil }) {
            return .failure(Problem(description: "\(unknown) is not a gluster event (e.g. VOLUME_CREATE; globs: VOLUME_*)"))
        }
        settings.events = names
        let ca = caFile.string.trimmingWhitespace()
        if !ca.isEmpty, !FileManager.default.isReadableFile(atPath: ca) {
            return .failure(Problem(description: "CA file \(ca): no such readable file"))
        }
        settings.caFile = ca.isEmpty ? nil : ca
        settings.verifyTLS = verifyTLS
        for (editor, range, name, keyPath) in [
            (timeout, WebhookSettings.timeoutRange, "Timeout", \WebhookSettings.timeoutSeconds),
            (retryMaxDelay, WebhookSettings.retryMaxDelayRange, "Max retry wait", \WebhookSettings.retryMaxDelaySeconds),
            (giveUpAfter, WebhookSettings.giveUpAfterRange, "Give up after", \WebhookSettings.giveUpAfterSeconds),
        ] {
            let text = editor.string.trimmingWhitespace()
            if text.isEmpty {
                settings[keyPath: keyPath] = nil
                continue
            }
            guard let seconds = Double(text), range.contains(seconds) else {
                return .failure(
                    Problem(description: "\(name): seconds from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound)), or empty for the engine's"))
            }
            settings[keyPath: keyPath] = seconds
        }
        return .success(settings)
    }

    /// Seconds as typed: `30`, `1.5`.
    private static func text(_ seconds: Double) -> String { seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds) }

    struct Problem: Error, CustomStringConvertible { let description: String }

    /// The signing secrets typed (space- or comma-separated; `-` none), each checked.
    private var signingSecrets: Result<[String], Problem> {
        let typed = signing.string.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init).filter { $0 != "-" }
        if let problem = typed.lazy.compactMap(SigningSecret.problem(of:)).first { return .failure(Problem(description: problem)) }
        return .success(typed)
    }

    func validated() -> Result<Submission, Problem> {
        let token = self.token.string.trimmingWhitespace()
        let secret = self.secret.string.trimmingWhitespace()
        let signingSecrets: [String]
        switch self.signingSecrets {
        case .success(let secrets): signingSecrets = secrets
        case .failure(let problem): return .failure(problem)
        }
        switch purpose {
        case .add:
            let url = self.url.string.trimmingWhitespace()
            if url.isEmpty { return .failure(Problem(description: "enter the webhook's URL")) }
            var webhook = Webhook(url: url, token: token, secret: secret)
            webhook.signingSecrets = signingSecrets
            if let problem = webhook.problem { return .failure(Problem(description: problem)) }
            return settings(from: WebhookSettings()).map { settings in
                webhook.deliverySettings = settings
                return .add(webhook)
            }
        case .edit(let url, _, _, let current):
            if let problem = (self.token.edited ? Webhook.validate(token: token) : nil)
                ?? (self.secret.edited ? Webhook.validate(secret: secret) : nil)
            {
                return .failure(Problem(description: problem))
            }
            return settings(from: current).flatMap { settings in
                guard self.token.edited || self.secret.edited || signing.edited || settings != current else {
                    return .failure(Problem(description: "nothing changed: change a field, or Esc"))
                }
                return .success(
                    .modify(
                        url: url, token: self.token.edited ? token : nil, secret: self.secret.edited ? secret : nil,
                        signingSecrets: signing.edited ? signingSecrets : nil, settings: settings != current ? settings : nil))
            }
        }
    }
}
