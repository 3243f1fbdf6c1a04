import Foundation

/// The kernel's table of UDP sockets (`/proc/net/udp`, `/proc/net/udp6`): who holds a port, and
/// how many datagrams the kernel dropped because a socket's receive buffer was full.
public enum UDPSocketTable {
    struct Entry {
        var localPort: Int
        var inode: String
        var drops: Int
    }

    static func entries() -> [Entry] {
        var result: [Entry] = []
        for file in ["/proc/net/udp", "/proc/net/udp6"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ", omittingEmptySubsequences: true)
                // sl local rem st tx:rx tr:tm retrnsmt uid timeout inode ref pointer drops
                guard columns.count >= 13, let colon = columns[1].lastIndex(of: ":"),
                    let port = Int(columns[1][columns[1].index(after: colon)...], radix: 16)
                else { continue }
                result.append(Entry(localPort: port, inode: String(columns[9]), drops: Int(columns[12]) ?? 0))
            }
        }
        return result
    }

    /// Datagrams the kernel dropped for the sockets bound to `port` (this process's, as one engine
    /// owns a port).
    public static func kernelDrops(port: Int) -> Int {
        entries().filter { $0.localPort == port }.reduce(0) { $0 + $1.drops }
    }

    /// The process holding UDP `port`, as `name (pid N)`, when this user may see it.
    public static func holder(of port: Int) -> String? {
        let inodes = Set(entries().filter { $0.localPort == port && $0.inode != "0" }.map { "socket:[\($0.inode)]" })
        guard !inodes.isEmpty, let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
            return nil
        }
        for pid in pids where Int(pid) != nil {
            let fdDirectory = "/proc/\(pid)/fd"
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: fdDirectory) else { continue }
            for fd in fds {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(fd)"),
                    inodes.contains(target)
                {
                    return "\(processName(pid: pid)) (pid \(pid))"
                }
            }
        }
        return nil
    }

    /// A process's name, from its command line (scripts show as the script, e.g. glustereventsd).
    static func processName(pid: String) -> String {
        if let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") {
            let args = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            let interpreters = ["python", "python3", "perl", "bash", "sh"]
            if let first = args.first {
                let base = (first as NSString).lastPathComponent
                if interpreters.contains(where: { base.hasPrefix($0) }), args.count > 1 {
                    return (args[1] as NSString).lastPathComponent
                }
                return base
            }
        }
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "?"
        return comm.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
