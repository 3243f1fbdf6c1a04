import ArgumentParser
import ClusterHealth
import Foundation
import GlusterEvents

struct HealthShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the Nagios/Icinga check line, the volumes and the problems; exit with the status (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).")

    @OptionGroup var state: StateOptions
    @OptionGroup var output: JSONOutputOption

    @Option(help: "Only this volume's problems and status (UNKNOWN for a volume not known).")
    var volume: String?

    @Flag(help: "With no engine running, do not ask the gluster CLI what it sees (the log alone).")
    var noGluster = false

    func run() throws {
        let now = Date()
        let source: HealthSource
        do {
            source = try HealthSource.current(layout: state.resolve(), reconcile: !noGluster, now: now)
        } catch {
            throw unknown(error.description)
        }
        var report = source.report
        if let volume {
            guard let only = report.only(volume: volume) else {
                throw unknown("volume \(volume) is not known here (never seen, or deleted)")
            }
            report = only
        }
        // Nothing live answered: what the log last said is shown, but the check cannot tell.
        let status = source.unanswered == nil ? report.status : .unknown
        if output.json {
            var json = report.json
            if let why = source.unanswered, case .object(let members) = json {
                json = .object([("status", .string(status.word)), ("error", .string(why))] + members.filter { $0.key != "status" })
            }
            Output.json(json)
            for note in source.notes { log("note: \(note)") }
        } else {
            Output.line(NagiosCheck.line(report, volume: volume, unknownBecause: source.unanswered))
            Output.lines(HealthText.lines(report, at: now.timeIntervalSince1970))
            Output.line()
            Output.lines([origin(source.origin)] + source.notes.map { "Note: " + $0 })
        }
        if status != .ok { throw ExitCode(Int32(status.rawValue)) }
    }

    private func origin(_ origin: HealthSource.Origin) -> String {
        switch origin {
        case .engine(let pid): return "From the engine running on this workdir (pid \(pid))."
        case .log(let events, let gluster):
            let asked = if case .observed = gluster { "checked with the gluster CLI" } else { "no live source answered: UNKNOWN" }
            return "Rebuilt from the event log (\(events) events; \(asked))."
        }
    }

    /// Prints why nothing can be said, and ends with UNKNOWN (3).
    private func unknown(_ reason: String) -> ExitCode {
        if output.json {
            Output.json(
                .object([
                    ("status", .string(HealthReport.Status.unknown.word)), ("error", .string(reason)), ("problems", .array([])),
                    ("volumes", .array([])), ("bursts", .array([])), ("untracked", .int(0)),
                ]))
        } else {
            Output.line(NagiosCheck.unknown(reason))
        }
        return ExitCode(Int32(HealthReport.Status.unknown.rawValue))
    }
}

extension HealthReport {
    /// Only `volume`'s problems and summary (its status follows); nil when the report knows no such volume.
    fileprivate func only(volume name: String) -> HealthReport? {
        var only = self
        only.problems = problems.filter { $0.entity.volume == name }
        only.volumes = volumes.filter { $0.name == name }
        only.peers = nil
        only.bursts = []
        return only.volumes.isEmpty && only.problems.isEmpty ? nil : only
    }
}
