import Foundation

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
public enum AtomicFile {
    /// Writes `data` to `path` through `temporaryPath` (by default unique to this process). A new file
    /// gets `newFileMode`; an existing one keeps its mode.
    public static func write(
        _ data: Data, to path: String, temporaryPath: String? = nil, newFileMode: mode_t = 0o600
    ) throws(FileSystemError) {
        let tmp = temporaryPath ?? "\(path).tmp.\(getpid())"
        var existing = stat()
        let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : newFileMode
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileSystemError("create", path: tmp) }
        fchmod(fd, mode)
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
