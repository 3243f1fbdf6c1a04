import ArgumentParser

/// `--port`, for the commands that use the UDP port: the engine's (`serve`, the dashboard) and
/// `send`'s. Without it, the config's `port`.
struct UDPPortOption: ParsableArguments {
    @Option(help: "UDP port (overrides the config's port).")
    var port: Int?

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be from 1 to 65535") }
    }
}
