import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// A file-system call that failed, with the path and the system's reason.
public struct FileSystemError: Error, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32

    public init(_ operation: String, path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
}

/// Whole-file writes that readers never see half done: write a temporary file beside the target,
/// flush it, rename it over the target.
///
/// The temporary file has an unpredictable name and is created afresh (`O_EXCL | O_NOFOLLOW`,
/// mode 0600): a file or symlink planted beside the target (the folder may be shared, e.g.
/// glusterd's) can neither redirect the write nor read it.
public enum AtomicFile {
    /// The mode the written file gets.
    public enum Mode: Sendable {
        /// An existing file keeps its mode; a new one gets 0600.
        case keepExisting
        /// 0600 whatever the old file's mode: for a file that holds secrets (webhooks.json).
        case ownerOnly
    }

    /// Writes `data` to `path` through a new temporary file beside it.
    public static func write(_ data: Data, to path: String, mode: Mode = .keepExisting) throws(FileSystemError) {
        var existing = stat()
        let fileMode = mode == .keepExisting && stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o600
        let (fd, tmp) = try createTemporaryFile(beside: path)
        fchmod(fd, fileMode)
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let writeError = errno
        guard written, fsync(fd) == 0 else {
            let code = written ? errno : writeError
            close(fd)
            unlink(tmp)
            throw FileSystemError("write", path: tmp, code: code)
        }
        close(fd)
        guard rename(tmp, path) == 0 else {
            let code = errno
            unlink(tmp)
            throw FileSystemError("replace", path: path, code: code)
        }
    }

    /// Creates `<path>.tmp.<16 random hex digits>`, new (never an existing file or a symlink), 0600.
    static func createTemporaryFile(beside path: String) throws(FileSystemError) -> (fd: Int32, path: String) {
        while true {
            let tmp = path + ".tmp." + String(UInt64.random(in: .min ... .max), radix: 16)
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, tmp) }
            // A name taken already (by chance, or planted): another one. Anything else is an error.
            guard errno == EEXIST || errno == ELOOP else { throw FileSystemError("create", path: tmp) }
        }
    }

    /// Creates `directory` and its parents (mode 0700 for new ones) unless it exists.
    public static func makeDirectory(_ directory: String) throws(FileSystemError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileSystemError("create directory", path: directory, code: (error as NSError).code == 0 ? EIO : Int32((error as NSError).code))
        }
    }
}
