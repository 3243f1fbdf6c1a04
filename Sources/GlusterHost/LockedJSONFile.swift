import Foundation
import GlusterEvents

#if canImport(Glibc)
    import Glibc
#endif

/// A JSON file that gluster-eventsapi and eventsdash both edit: every change takes an exclusive
/// `flock` on the file itself, re-opens it after locking to be sure it is still the same file (a
/// writer that got the lock first may have renamed a new file over it), writes `<file>.tmp` and
/// renames it over the file — gluster's `LockedOpen` + `file_content_overwrite` protocol, except
/// that the temporary file's name is unpredictable (see `AtomicFile`): the lock on the file itself
/// is what keeps writers apart.
public struct LockedJSONFile: Sendable {
    public let path: String
    /// How a rewritten file's mode is chosen (`.ownerOnly` for a file with tokens and secrets).
    public let mode: AtomicFile.Mode
    /// A larger file is not read (reported, and left as it is): anyone who can write it could
    /// otherwise make eventsdash take gigabytes parsing it.
    public let maxBytes: Int

    public init(path: String, mode: AtomicFile.Mode = .keepExisting, maxBytes: Int) {
        self.path = path
        self.mode = mode
        self.maxBytes = maxBytes
    }

    /// The file's JSON, or nil when it does not exist. White space only counts as `{}`.
    public func read() throws(ConfigFileError) -> JSONValue? {
        // An empty file (one just created under the lock) is not read: Foundation's reader leaks
        // its 4 KiB buffer on an empty file (LeakSanitizer, Swift 6.3).
        var status = stat()
        if stat(path, &status) == 0 {
            if status.st_size == 0 && (status.st_mode & S_IFMT) == S_IFREG { return .object([]) }
            if status.st_size > maxBytes {
                throw ConfigFileError(
                    path: path, problem: "is \(ByteCount.text(Int64(status.st_size))), more than the \(ByteCount.text(Int64(maxBytes))) eventsdash reads")
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !FileManager.default.fileExists(atPath: path) { return nil }
            throw ConfigFileError(path: path, problem: "cannot read: \((error as NSError).localizedDescription)")
        }
        return try Self.parse(data, path: path)
    }

    static func parse(_ data: Data, path: String) throws(ConfigFileError) -> JSONValue {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([]) }
        do {
            return try JSONValue.parse(data)
        } catch {
            throw ConfigFileError(path: path, problem: "not valid JSON: \(error.description)")
        }
    }

    /// Runs `change` on the file's current JSON under the lock, and writes what it returns (nil:
    /// write nothing). A file that does not parse is reported and left as it is.
    @discardableResult
    public func update<T>(
        _ change: (JSONValue) throws -> (newValue: JSONValue?, result: T)
    ) throws -> T {
        try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent)
        let fd = try lockSameFile()
        defer { close(fd) }  // closing the descriptor releases the lock
        let current = try read() ?? .object([])
        let (newValue, result) = try change(current)
        if let newValue {
            try AtomicFile.write(Data(newValue.encoded().utf8), to: path, mode: mode)
        }
        return result
    }

    /// Opens (creating it as `{}` if missing) and locks the file, retrying until the locked
    /// descriptor is the file the path names.
    private func lockSameFile() throws(FileSystemError) -> Int32 {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw FileSystemError("open", path: path) }
            var result: Int32
            repeat { result = flock(fd, LOCK_EX) } while result != 0 && errno == EINTR
            guard result == 0 else {
                let code = errno
                close(fd)
                throw FileSystemError("lock", path: path, code: code)
            }
            var locked = stat()
            var named = stat()
            if fstat(fd, &locked) == 0, stat(path, &named) == 0,
                locked.st_dev == named.st_dev, locked.st_ino == named.st_ino
            {
                return fd
            }
            close(fd)
        }
    }
}
