import Foundation
import GlusterEvents
import GlusterHost

#if canImport(Glibc)
    import Glibc
#endif

/// One engine per workdir: an exclusive `flock` on `engine.lock`, which holds the owner's pid.
/// The kernel releases it when the process ends, however it ends.
public final class EngineLock: Sendable {
    private let fd: Int32

    /// Another engine holds the lock.
    public struct Busy: Error, CustomStringConvertible {
        public let pid: Int32?
        public let lockFile: String
        public var description: String {
            let who = pid.map { "pid \($0)" } ?? "another process"
            return "another eventsdash engine (\(who)) is already running on this workdir (lock \(lockFile)); "
                + "stop it first, or use another --workdir"
        }
    }

    public init(path: String) throws {
        try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystemError("open", path: path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let pid = Self.readPID(fd: fd)
            close(fd)
            throw Busy(pid: pid, lockFile: path)
        }
        ftruncate(fd, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Lets go of the workdir before this object goes (an engine that stopped holds nothing: the
    /// dashboard hands the workdir to a `serve` it starts).
    public func release() { flock(fd, LOCK_UN) }

    /// The pid of the engine holding the lock at `path`, or nil when none runs.
    public static func holder(path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return readPID(fd: fd) ?? -1
    }

    private static func readPID(fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
