import ArgumentParser
import EventsEngine
import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the engine without a terminal UI: receive, log and deliver events (glustereventsd's job).")

    @OptionGroup var state: StateOptions
    @OptionGroup var udp: UDPPortOption
    @OptionGroup var engineOptions: EngineOptions

    func run() throws {
        let layout = state.resolve()
        let signals = TerminationSignals(hangUpStops: false)  // SIGHUP: logrotate's "reopen your logs"
        let engine = try engineOptions.startEngine(layout: layout, port: udp.port, recentEvents: .none, logging: true)
        signals.onHangUp { engine.reopenLogs() }
        let buffer = engine.listening.map(\.receiveBufferBytes).max() ?? 0
        log(
            "eventsdash: receiving on \(engine.listening.map(\.address.description).joined(separator: ", ")) (UDP, receive buffer \(formatBytes(buffer))); node \(engine.nodeID)"
        )
        log(
            "eventsdash: webhooks \(layout.webhooksFile)\(layout.sharesGlusterdFiles ? " (shared with glusterd)" : ""); event log \(layout.eventLogDirectory)"
        )
        if engine.port != EventsConfig.glusterSendersPort {
            log(
                "note: gluster's daemons send to port \(EventsConfig.glusterSendersPort); on port \(engine.port) only senders pointed at it are heard"
            )
        }
        signals.wait()
        log("eventsdash: stopping")
        engine.stop()
        let status = engine.status()
        log("eventsdash: stopped after \(status.received) datagrams (\(status.accepted) events, \(status.rejected) rejected)")
    }
}
