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

    @OptionGroup var global: GlobalOptions

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
        let port = try global.port ?? withReportedFileErrors(json: global.json) { try global.configStore.load().port }
        let datagram = Datagram.encode(timestamp: Int64(time(nil)), type: number, fields: pairs)
        guard datagram.count <= Datagram.maximumSize else {
            throw ValidationError("the event is \(datagram.count) bytes; a UDP datagram holds at most \(Datagram.maximumSize)")
        }
        try UDPSender.send(datagram, host: host, port: port)
    }
}

/// One datagram out, over IPv4 or IPv6 as the host resolves.
enum UDPSender {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func send(_ bytes: [UInt8], host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            throw Failure(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "cannot open a UDP socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let sent = bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, first.pointee.ai_addr, first.pointee.ai_addrlen) }
        guard sent == bytes.count else {
            throw Failure(description: "cannot send to \(host):\(port): \(String(cString: strerror(errno)))")
        }
    }
}
