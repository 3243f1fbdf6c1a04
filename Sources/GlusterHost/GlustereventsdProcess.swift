import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Finds this node's glustereventsd, to tell it (SIGUSR2) to re-read the shared files. On gluster
/// 10 its pid file is gone once it runs, so it is looked for in `/proc` — and a process name is no
/// proof (any user can start a process called glustereventsd): only a process that runs as root
/// (or as this user), whose command line runs glustereventsd (`/usr/sbin/glustereventsd …`, or
/// `python3 /usr/sbin/glustereventsd …` as its shebang makes it) and is its main process (its
/// webhook workers are its children) is chosen. Nothing else is ever signalled.
enum GlustereventsdProcess {
    static let name = "glustereventsd"

    /// The pid of glustereventsd's main process, or nil. `proc`: where `/proc` is (tests use a fake one).
    static func find(proc: String = "/proc", allowedUIDs: Set<UInt32> = [0, UInt32(getuid())]) -> Int32? {
        var processes: [(pid: Int32, parent: Int32)] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: proc)) ?? [] {
            guard let pid = Int32(entry) else { continue }
            func read(_ file: String) -> Data? { FileManager.default.contents(atPath: "\(proc)/\(entry)/\(file)") }
            guard let stat = read("stat").map({ String(decoding: $0, as: UTF8.self) }),
                let parent = parentIfRunning(stat: stat),
                let status = read("status").map({ String(decoding: $0, as: UTF8.self) }),
                let uids = uids(status: status), uids.allSatisfy(allowedUIDs.contains),
                let cmdline = read("cmdline"), runsGlustereventsd(cmdline: cmdline)
            else { continue }
            processes.append((pid, parent))
        }
        let pids = Set(processes.map(\.pid))
        return processes.first { !pids.contains($0.parent) }?.pid
    }

    /// The parent pid from `/proc/PID/stat`, when the process is called glustereventsd and is not a zombie.
    static func parentIfRunning(stat: String) -> Int32? {
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
            stat[stat.index(after: open)..<close] == name
        else { return nil }
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        guard rest.count > 2, rest[0] != "Z" else { return nil }
        return Int32(rest[1])
    }

    /// The real and effective uid from `/proc/PID/status` (`Uid:\treal\teffective\tsaved\tfs`).
    static func uids(status: String) -> [UInt32]? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { return nil }
        let fields = line.dropFirst(4).split(whereSeparator: { $0 == "\t" || $0 == " " }).compactMap { UInt32($0) }
        return fields.count >= 2 ? Array(fields.prefix(2)) : nil
    }

    /// Whether `/proc/PID/cmdline` (NUL-separated arguments) runs glustereventsd: as the program,
    /// or as the script a Python interpreter runs (its first argument that is not an option).
    static func runsGlustereventsd(cmdline: Data) -> Bool {
        let arguments = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        func base(_ path: String) -> Substring { path.split(separator: "/").last ?? "" }
        guard let program = arguments.first else { return false }
        if base(program) == name { return true }
        guard base(program).hasPrefix("python"), let script = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }) else {
            return false
        }
        return base(script) == name
    }
}
