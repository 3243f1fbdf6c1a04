import ArgumentParser
import EventsEngine
import Foundation
import GlusterEvents
import GlusterHost
import WebhookDelivery

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the webhooks, whether an engine runs on this workdir, and its live figures.")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption

    func run() throws {
        let layout = state.resolve()
        // An unreadable webhooks file is said, with everything else still shown (exit 7 after).
        var webhooksError: String?
        var registry = WebhookRegistry()
        do {
            registry = try layout.webhookStore.load()
        } catch {
            webhooksError = "\(error)"
        }
        let pid = EngineLock.holder(path: layout.lockFile)
        let live = pid.flatMap { EngineStatus.read(from: layout.statusFile, publishedBy: $0) }?.asSeen(
            stateDirectory: layout.stateDirectory)
        var row = NodeResults.Row(ok: true)
        row.okText = pid == nil ? "DOWN" : "UP"
        let nodes = NodeResults(column: "EVENTSDASH STATUS", rows: [row])

        if output.json {
            Output.json(.object([
                ("output", .object([
                    ("webhooks", .array(registry.webhooks.map { .string(URLRedaction.redacted($0.url)) })),
                    ("webhook_settings", .object(registry.webhooks.map { (URLRedaction.redacted($0.url), .object($0.deliverySettings.entries)) })),
                    ("webhook_auth", .object(registry.webhooks.map { (URLRedaction.redacted($0.url), .string($0.authKind)) })),
                    ("webhook_problems", .object(registry.webhooks.compactMap { w in w.problem.map { (URLRedaction.redacted(w.url), .string($0)) } })),
                    ("data", nodes.json),
                    ("engine", engineJSON(pid: pid, live: live)),
                    ("files", filesJSON(layout)),
                ])),
                ("error", .string(webhooksError ?? "")),
            ]))
            if webhooksError != nil { throw ExitCode(ExitStatus.invalidConfig.rawValue) }
            return
        }
        if let webhooksError {
            Output.line("Webhooks: NOT READ: \(webhooksError)")
        } else {
            Output.line("Webhooks: " + (registry.webhooks.isEmpty ? "None" : ""))
        }
        for webhook in registry.webhooks {
            // Only where eventsdash's own signing is on: gluster's status lists a bare URL.
            let signing = webhook.signingSecrets.count
            let auth = signing == 0 ? [] : ["auth \(webhook.authKind)" + (signing > 1 ? " (\(signing) signing secrets)" : "")]
            let notes = webhook.problem.map { ["NOT USED: \($0)"] } ?? (auth + webhook.deliverySettings.summary)
            Output.line(URLRedaction.redacted(webhook.url) + (notes.isEmpty ? "" : "  (" + notes.joined(separator: "; ") + ")"))
        }
        Output.line()
        Output.lines(nodes.table)
        Output.line()
        Output.lines(engineText(pid: pid, live: live))
        Output.line(
            "Files: webhooks \(layout.webhooksFile) (\(layout.sharesGlusterdFiles ? "shared with glusterd" : "eventsdash's own")), config \(layout.configFile), state \(layout.stateDirectory)"
        )
        if let notice = layout.notice { Output.line("Note: \(notice)") }
        if webhooksError != nil { throw ExitCode(ExitStatus.invalidConfig.rawValue) }
    }

    private func engineJSON(pid: Int32?, live: EngineStatus?) -> JSONValue {
        guard let pid else { return .object([("running", .bool(false))]) }
        var members: [(key: String, value: JSONValue)] = [("running", .bool(true)), ("pid", .int(Int64(pid)))]
        if let live, let data = try? JSONEncoder().encode(live), let figures = try? JSONValue.parse(data) {
            // the webhooks' figures are by URL: shown without what may be a secret
            members += (figures.objectMembers ?? []).filter { $0.key != "pid" }.map { member in
                guard member.key == "webhooks", let byURL = member.value.objectMembers else { return member }
                return (member.key, .object(byURL.map { (URLRedaction.redacted($0.key), $0.value) }))
            }
        }
        return .object(members)
    }

    private func filesJSON(_ layout: StateLayout) -> JSONValue {
        .object([
            ("webhooks", .string(layout.webhooksFile)), ("config", .string(layout.configFile)),
            ("defaults", layout.defaultsFile.map { .string($0) } ?? .null),
            ("state", .string(layout.stateDirectory)), ("shared_with_glusterd", .bool(layout.sharesGlusterdFiles)),
        ])
    }

    /// One line each, so that a line break inside a value (a URL, an error) is shown, not taken.
    private func engineText(pid: Int32?, live: EngineStatus?) -> [String] {
        guard let pid else { return ["Engine: not running on this workdir (start it with: eventsdash serve)"] }
        guard let live else { return ["Engine: running (pid \(pid)), starting: no figures published yet"] }
        var lines = [
            "Engine: running (pid \(pid)) on \(live.listen.joined(separator: ", ")), receive buffer \(formatBytes(live.receiveBufferBytes)), node \(live.nodeID)",
            "Events: received \(live.received), accepted \(live.accepted), rejected \(live.rejected) (truncated \(live.truncated)), kernel drops \(live.kernelDrops); last sequence \(live.lastSequence)",
        ]
        if let allowed = live.allowFrom {
            let refused = live.rejectedByReason[DatagramRejection.sourceNotAllowed.rawValue] ?? 0
            lines.append("UDP sources: loopback and \(allowed.joined(separator: ", ")) only; \(refused) datagrams from elsewhere rejected")
        }
        if let http = live.http {
            var text =
                "HTTP ingest on \(http.listen.joined(separator: ", ")): requests \(http.requests), events \(http.events), pings \(http.pings), rejected \(http.rejected)"
            let reasons = http.rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            if !reasons.isEmpty { text += " (\(reasons.joined(separator: ", ")))" }
            if let open = http.openConnections { text += "; connections open \(open)" }
            let closed = (http.closedByReason ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            if !closed.isEmpty { text += ", closed by eventsdash \(closed.joined(separator: ", "))" }
            lines.append(text)
        }
        if let limits = live.limitsReached, !limits.isEmpty {
            let reached = limits.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            lines.append("Limits reached: \(reached.joined(separator: ", ")) (each bounds what outside input may cost; see --help)")
        }
        if !live.listenFailures.isEmpty { lines.append("Not listening: \(live.listenFailures.joined(separator: "; "))") }
        let nodes = live.nodes.sorted { ($0.value.events, $1.key) > ($1.value.events, $0.key) }.map { id, node in
            let last = node.lastEventAtMillis.map { ", last \(TailFormat.localTime($0 / 1000))" } ?? ""
            return "\(node.name ?? "?") (\(id)): \(node.events) events\(last)"
        }
        if !nodes.isEmpty { lines.append("Nodes: " + nodes.joined(separator: "; ")) }
        if let overflow = live.overflowNodeEvents, overflow > 0 {
            lines.append("Node limit reached: \(overflow) events from further nodes are counted together as (other nodes)")
        }
        if let problem = live.problem { lines.append("Problem: \(problem)") }
        if live.droppedUnlogged > 0 {
            lines.append("Dropped: \(live.droppedUnlogged) accepted events could not be logged (memory hold limit reached)")
        }
        if let metrics = live.metrics { lines.append("Metrics: \(metrics.joined(separator: ", "))") }
        lines += alertmanagerText(live.alertmanager ?? [:])
        for (url, health) in live.webhooks.map({ (URLRedaction.redacted($0.key), $0.value) }).sorted(by: { $0.0 < $1.0 }) {
            if health.state == .skipped {
                lines.append("  \(url): not delivered to — \(health.lastError ?? "skipped")")
                continue
            }
            var text =
                "  \(url): \(health.state.rawValue), delivered \(health.delivered)"
                + String(format: " (%.1f/s)", health.deliveriesPerSecond)
                + ", failed attempts \(health.failed), retrying \(health.retrying), given up \(health.givenUp), backlog \(health.backlog)"
            if let p50 = health.p50LatencyMillis, let p99 = health.p99LatencyMillis {
                text += ", p50 \(DurationText.text(milliseconds: p50)), p99 \(DurationText.text(milliseconds: p99))"
            }
            if let behind = health.behindSeconds { text += ", oldest waiting \(DurationText.text(seconds: behind))" }
            if let due = health.nextRetryAt {
                text += ", next retry \(TailFormat.localTime(Int64(max(0, min(due, 1e12))))) (eventsdash webhook-test to retry now)"
            }
            if let latency = health.lastLatencyMillis {
                text += ", last \(health.lastError ?? health.lastStatus.map { "HTTP \($0)" } ?? "-")"
                text += " in \(DurationText.text(milliseconds: latency))"
            }
            lines.append(text)
            if health.lastError != nil, let answer = health.lastResponse {
                lines.append("    it answered: " + answer.split(whereSeparator: \.isNewline).joined(separator: " ⏎ "))
            }
        }
        return lines
    }

    /// A line per Alertmanager the health problems go to.
    private func alertmanagerText(_ alertmanagers: [String: AlertmanagerStatus]) -> [String] {
        alertmanagers.sorted(by: { $0.key < $1.key }).map { url, status in
            let state = status.failing.map { $0 ? "failing" : "ok" } ?? "nothing sent yet"
            var text = "Alertmanager \(url): \(state), requests taken \(status.sent), failed \(status.failed), last with \(status.alerts) alerts"
            if let at = status.lastSuccessAt { text += ", last taken \(TailFormat.localTime(at))" }
            if let error = status.lastError { text += ", last error: " + error.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ") }
            return text
        }
    }
}
