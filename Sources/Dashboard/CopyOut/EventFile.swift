import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An event's webhook JSON written to a file the user names (`w` in the event's view): created
/// new (0600), never over an existing file unless the user said so, and never to anything but a
/// regular file.
enum EventFile {
    /// `./event-<seq>.json`, in the directory the dashboard was started from.
    static func defaultPath(sequence: UInt64) -> String { "./event-\(sequence).json" }

    enum WriteError: Error, Equatable, CustomStringConvertible {
        case exists(String)
        case failed(String, reason: String)
        case emptyPath

        var description: String {
            switch self {
            case .exists(let path): "\(path) exists"
            case .failed(let path, let reason): "could not write \(path): \(reason)"
            case .emptyPath: "no file name given"
            }
        }
    }

    private static let notRegular = "it is not a regular file (a FIFO, a device or a socket is not written to)"

    /// `~/x` from the home directory; a relative path from the current directory.
    static func resolve(_ typed: String) -> String {
        let path = typed.trimmingCharacters(in: .whitespaces)
        if path == "~" || path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + path.dropFirst()
        }
        return path
    }

    /// Writes `json` and a newline to `path` (see `resolve`); an existing file only with
    /// `overwrite`. Returns the path written, absolute.
    @discardableResult
    static func write(_ json: String, to typed: String, overwrite: Bool) throws(WriteError) -> String {
        let path = resolve(typed)
        guard !path.isEmpty else { throw .emptyPath }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let shown = URL(fileURLWithPath: absolute).standardized.path
        // O_EXCL: no file appears between a check and the write; O_NOFOLLOW: not through a link;
        // O_NONBLOCK: a FIFO (or a device) does not hold the dashboard up in open.
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (overwrite ? 0 : O_EXCL)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .exists(shown) }
            if code == ELOOP { throw .failed(shown, reason: "it is a symbolic link (not followed)") }
            if code == ENXIO { throw .failed(shown, reason: notRegular) }
            throw .failed(shown, reason: String(cString: strerror(code)))
        }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .failed(shown, reason: notRegular)
        }
        // an event may carry what only its readers should see: the file is the user's alone
        guard ftruncate(fd, 0) == 0, fchmod(fd, 0o600) == 0, fcntl(fd, F_SETFL, O_WRONLY) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .failed(shown, reason: reason)
        }
        defer { close(fd) }
        let bytes = Array((json + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .failed(shown, reason: String(cString: strerror(errno)))
            }
            written += result
        }
        return shown
    }
}
