import ArgumentParser
import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send one event datagram, as gf_event() does.",
        discussion: "Example: eventsdash send VOLUME_CREATE name=gv0 type=Replicate")

    @OptionGroup var state: StateOptions
    @OptionGroup var udp: UDPPortOption
    @OptionGroup var output: JSONOutputOption

    @Option(help: "Host to send to (IPv4 or IPv6 address, or name).")
    var host = "127.0.0.1"

    @Argument(help: "Event name (with or without EVENT_) or number.")
    var event: String

    @Argument(help: "Fields, key=value.")
    var fields: [String] = []

    func run() throws {
        guard let number = EventCatalog.number(of: event) else {
            let hints = EventCatalog.names(containing: event).prefix(5)
            let hint = hints.isEmpty ? "" : " (did you mean \(hints.joined(separator: ", "))?)"
            throw ValidationError("unknown event '\(event)'\(hint)")
        }
        let pairs = try fields.map { field -> (key: String, value: String) in
            guard let eq = field.firstIndex(of: "=") else { throw ValidationError("field '\(field)' is not key=value") }
            return (String(field[..<eq]), String(field[field.index(after: eq)...]))
        }
        let port = try udp.port ?? withReportedFileErrors(json: output.json) { try state.resolve().configStore.load().port }
        let timestamp = Int64(time(nil))
        let datagram = Datagram.encode(timestamp: timestamp, type: number, fields: pairs)
        guard datagram.count <= Datagram.maximumSize else {
            throw ValidationError("the event is \(datagram.count) bytes; a UDP datagram holds at most \(Datagram.maximumSize)")
        }
        let address: String
        do {
            address = try UDPSender.send(datagram, host: host, port: port)
        } catch let error as UDPSender.Failure where output.json {
            throw fail(error.description, json: true)
        }
        // As gf_event(), nothing to say when it went; with --json, what went where.
        guard output.json else { return }
        printJSONOutput(
            .object([
                ("event", .string(EventCatalog.name(of: number))), ("type", .int(Int64(number))), ("ts", .int(timestamp)),
                ("fields", .object(pairs.map { ($0.key, .string($0.value)) })), ("host", .string(host)),
                ("address", .string(address)), ("port", .int(Int64(port))), ("bytes", .int(Int64(datagram.count))),
            ]))
    }
}
