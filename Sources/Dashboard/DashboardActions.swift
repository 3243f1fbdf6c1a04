import ClusterHealth
import EventsEngine
import Foundation
import Synchronization
import GlusterEvents
import GlusterHost

/// Carries out what the user asked for on the dashboard: changes to `webhooks.json` and
/// `config.json` (under gluster's file lock, as the CLI does) and test pings, reporting back
/// through the state's message line and form.
struct DashboardActions {
    let engine: any EngineAccess
    let pings = PingBoard()
    /// Outcomes of redeliveries, for the message line.
    let redeliveries = RedeliveryBatches()
    /// What background work (peer sync) has to say, for the message line.
    let announcements = Announcements()
    private let webhookStore: WebhookStore
    private let configStore: ConfigStore

    init(engine: any EngineAccess) {
        self.engine = engine
        let files = engine.layout
        webhookStore = files.webhookStore
        configStore = files.configStore
    }

    func perform(_ command: DashboardState.Command, state: inout DashboardState) {
        switch command {
        case .quit, .stop: break
        case .saveWebhook(let submission): save(submission, state: &state)
        case .deleteWebhook(let url):
            do {
                try webhookStore.remove(url: url)
                filesChanged()
                state.say("deleted \(URLRedaction.redacted(url))")
            } catch {
                state.say("could not delete \(URLRedaction.redacted(url)): \(Self.describe(error))", isError: true)
            }
        case .testPing(let url):
            guard let webhook = engine.webhooks.first(where: { $0.url == url }) else { return }
            pings.start(url)
            engine.testPing(webhook) { [pings] outcome in pings.finish(url, outcome) }
        case .redeliver(let sequence, let asked):
            // A webhook that is this engine's own HTTP ingest would log the event a second time.
            let health = engine.status().webhooks
            let urls = asked.filter { health[$0]?.state != .skipped }
            guard !urls.isEmpty else {
                state.say("not redelivered: \(asked[0]) is this engine's own HTTP ingest (the event is in its log)", isError: true)
                return
            }
            let batch = redeliveries.start(sequence, count: urls.count)
            for url in urls {
                let started = engine.redeliver(sequence, to: url) { [redeliveries] outcome in
                    redeliveries.finish(batch, url: url, outcome)
                }
                if !started {
                    state.say("event #\(sequence) is no longer in the log (retention)", isError: true)
                    return
                }
            }
            state.say("redelivering #\(sequence) to \(urls.count == 1 ? URLRedaction.redacted(urls[0]) : "\(urls.count) webhooks")…")
        case .retryNow(let url):
            let waiting = engine.status().webhooks[url]?.retrying ?? 0
            guard waiting > 0 else {
                state.say("nothing waits for a retry at \(URLRedaction.redacted(url))")
                return
            }
            do {
                try engine.retryNow(url: url)
                state.say("retrying \(DashboardFormat.count(waiting)) event\(waiting == 1 ? "" : "s") at \(URLRedaction.redacted(url)) now")
            } catch {
                state.say("could not ask the engine to retry \(URLRedaction.redacted(url)): \(Self.describe(error))", isError: true)
            }
        case .setConfig(let item, let text): setConfig(item, text, state: &state)
        case .decide(let decision): decide(decision, state: &state)
        case .copyEvent(let sequence):
            guard let json = json(of: sequence, state: &state) else { return }
            do {
                let copy = try ClipboardCopy(json)
                state.clipboard = copy
                state.say("copied #\(sequence)'s JSON (\(DashboardFormat.count(copy.textBytes)) bytes) to the clipboard by OSC 52 (tmux: set-clipboard on)")
            } catch {
                state.say("not copied: #\(sequence)'s JSON is \(error.description)", isError: true)
            }
        case .saveEvent(let sequence, let path, let overwrite):
            guard let json = json(of: sequence, state: &state) else { return }
            do {
                let written = try EventFile.write(json, to: path, overwrite: overwrite)
                state.say("wrote #\(sequence)'s JSON to \(written) (\(DashboardFormat.count(json.utf8.count + 1)) bytes)")
            } catch .exists(let existing) {
                state.overlay = SaveEventPrompt(
                    sequence: sequence, path: path, existing: existing, returnTo: state.overlay as? EventDetailView)
            } catch {
                state.say("not written: \(error.description)", isError: true)
            }
        }
    }

    /// A held event's webhook JSON, whole (read back from the log when held abridged).
    private func json(of sequence: UInt64, state: inout DashboardState) -> String? {
        guard let held = engine.recentEvents.entries(from: sequence, count: 1).first else {
            state.say("#\(sequence) is no longer held in memory: eventsdash tail --json prints it from the log", isError: true)
            return nil
        }
        return held.whole(logDirectory: engine.layout.eventLogDirectory).event.body
    }

    /// Records a mute, unmute or acknowledgement (in the engine, or in the decisions file of the
    /// engine attached to, which takes it up within a second).
    private func decide(_ decision: HealthDecision, state: inout DashboardState) {
        let now = Date()
        let (verb, id): (String, ProblemID) =
            switch decision {
            case .mute(let id, let seconds):
                ("muted \(id) until \(DashboardFormat.until(now.timeIntervalSince1970 + seconds, now: now.timeIntervalSince1970))", id)
            case .unmute(let id): ("unmuted \(id)", id)
            case .acknowledge(let id): ("acknowledged \(id): closed until an event opens it again", id)
            }
        do {
            try engine.decide(decision)
            state.say(verb, now: now)
        } catch {
            state.say("could not record the decision about \(id): \(Self.describe(error))", isError: true, now: now)
        }
    }

    /// After the dashboard changed webhooks.json or config.json: the engine applies them now, and
    /// they go to the pool's other nodes (in the background: glusterd may take a while).
    private func filesChanged() {
        engine.reloadSharedFiles()
        let layout = engine.layout
        guard layout.sharesGlusterdFiles else { return }
        let (announcements, engine) = (self.announcements, self.engine)
        DispatchQueue.global().async {
            let outcome = engine.syncToPeers()
            if let failure = outcome.failure {
                let advice = outcome.notes.first.map { " — \($0)" } ?? ""
                announcements.post(
                    "could not copy \(failure.file.rawValue) to the other nodes: \(failure.message)\(advice)", isError: true)
            } else if outcome.nodes.count > 1 {
                let missed = outcome.nodes.filter { !$0.synced }.map(\.node)
                let copied = "copied to \(outcome.nodes.count - missed.count) of \(outcome.nodes.count) nodes"
                announcements.post(
                    missed.isEmpty ? copied : "\(copied): \(missed.joined(separator: ", ")) down — `eventsdash sync` once up",
                    isError: !missed.isEmpty)
            }
        }
    }

    private func save(_ submission: WebhookForm.Submission, state: inout DashboardState) {
        do {
            switch submission {
            case .add(let webhook):
                try webhookStore.add(webhook)
                filesChanged()
                state.say("added \(URLRedaction.redacted(webhook.url)) — t sends it a test ping")
                state[pane: WebhooksPane.self]?.select(url: webhook.url, among: engine.webhooks)
            case .modify(let url, let token, let secret, let signingSecrets, let settings):
                try webhookStore.modify(url: url) { webhook in
                    if let token { webhook.token = token }
                    if let secret { webhook.secret = secret }
                    if let signingSecrets { webhook.signingSecrets = signingSecrets }
                    if let settings { webhook.deliverySettings = settings }
                }
                filesChanged()
                state.say("saved \(URLRedaction.redacted(url))")
            }
            state.overlay = nil
        } catch {
            state.showFormError(Self.describe(error))
        }
    }

    private func setConfig(_ item: ConfigItem, _ text: String, state: inout DashboardState) {
        let setting: (key: ConfigKey, value: JSONValue)
        switch item.setting(from: text) {
        case .failure(let problem):
            state.say(problem.description, isError: true)
            return
        case .success(let parsed): setting = parsed
        }
        do {
            try configStore.set(name: setting.key.rawValue, value: setting.value)
            filesChanged()
            if setting.key == .port, let port = setting.value.intValue {
                let warning = EventsConfig.portChangeWarning(newPort: Int(port), listeningPort: engine.port)
                state.say(warning, isError: Int(port) != EventsConfig.glusterSendersPort)
            } else if item == .eventsLog {
                let onOff = setting.value.boolValue == true ? "off" : "on"
                state.say("events log is now \(onOff) (disable-events-log = \(setting.value.encoded()))")
            } else {
                state.say("\(setting.key.rawValue) is now \(setting.value.encoded())")
            }
        } catch ConfigStore.ChangeError.sameValue {
            state.say("\(setting.key.rawValue) is already \(setting.value.encoded())")
        } catch {
            state.say("could not save \(setting.key.rawValue): \(Self.describe(error))", isError: true)
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case WebhookStore.ChangeError.alreadyExists: "that URL is already registered (e edits it)"
        case WebhookStore.ChangeError.doesNotExist: "no such webhook any more (changed by someone else?)"
        default: "\(error)"
        }
    }
}

/// Messages from background work for the message line, taken by the dashboard loop.
final class Announcements: Sendable {
    private let pending = Mutex<[(text: String, isError: Bool)]>([])

    func post(_ text: String, isError: Bool) { pending.withLock { $0.append((text, isError)) } }

    func take() -> [(text: String, isError: Bool)] {
        pending.withLock { list in
            defer { list = [] }
            return list
        }
    }
}
