import ClusterHealth
import Foundation
import GlusterEvents
import TestSupport

/// Events for the tests, as glustereventsd's parser would give them (keys untrimmed).
enum HealthEvents {
    static let node = "4c10a802-8828-4a11-b79a-1ba06a18f9c0"

    /// `text` is a datagram's fields: `peer=vm;volume=gv0;brick=/b1`.
    static func event(_ name: String, _ text: String = "", at time: Double = 1_000, node: String = node) -> HealthEvent {
        var fields: [String: String] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            fields[String(parts[0]).trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? String(parts[1]) : ""
        }
        return HealthEvent(name: name, fields: fields, node: node, time: time)
    }

    /// The real datagrams of `Tests/Fixtures/gluster-10.3-brick-failures.tsv`, parsed as eventsdash
    /// parses them, a second apart.
    static func brickFailures() throws -> [HealthEvent] {
        try Fixtures.datagrams(Fixtures.brickFailures).enumerated().map { index, datagram in
            let event = try Datagram.parse(Array(datagram.utf8)).get()
            return HealthEvent(name: event.name, message: event.message, node: node, time: 1_000 + Double(index))
        }
    }
}

extension ClusterHealth {
    mutating func apply(_ events: [HealthEvent]) { events.forEach { apply($0) } }

    /// The ids of the problems open now.
    func openProblems(at now: Double = 10_000) -> [String] {
        report(at: now).problems.filter(\.isOpen).map(\.id.description).sorted()
    }
}
