import ArgumentParser
import EventsEngine
import GlusterEvents

/// The options of the commands that run an engine (`serve` and the dashboard).
struct EngineOptions: ParsableArguments {
    @Option(
        name: .customLong("listen"),
        help: "Address to receive on: HOST, HOST:PORT or [IPv6]:PORT; repeatable. Default: 0.0.0.0 and ::1.")
    var listen: [String] = []

    @Option(help: "Socket receive buffer to ask the kernel for, in bytes.")
    var receiveBuffer = Engine.defaultReceiveBufferBytes

    /// Starts an engine, or prints why it cannot start and exits 1.
    func startEngine(global: GlobalOptions, recentEventsCapacity: Int) throws -> Engine {
        let layout = global.layout
        if let notice = layout.notice { log("note: \(notice)") }
        do {
            return try Engine(
                options: Engine.Options(
                    layout: layout, port: global.port, listen: listen, receiveBufferBytes: receiveBuffer,
                    recentEventsCapacity: recentEventsCapacity))
        } catch {
            log("eventsdash: \(error)")
            throw ExitCode.failure
        }
    }
}
