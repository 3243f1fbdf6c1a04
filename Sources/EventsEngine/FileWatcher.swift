import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A file other processes edit (`webhooks.json`, `config.json`): `changed()` tells, once per
/// change, that it is not as it was when last looked at. A change is a new inode (an atomic
/// rename over it, as gluster-eventsapi writes), another size or modification time (an edit in
/// place), or the file appearing or going.
///
/// Look before reading the file: a change made while it is read is then reported again, never lost.
final class FileWatcher: Sendable {
    let path: String
    private let seen: Mutex<FileFingerprint?>

    /// Starts from the file as it is now.
    init(path: String) {
        self.path = path
        seen = Mutex(FileFingerprint(path: path))
    }

    /// Whether the file changed since it was last looked at (by `init` or by this).
    func changed() -> Bool {
        let now = FileFingerprint(path: path)
        return seen.withLock { previous in
            defer { previous = now }
            return previous != now
        }
    }
}

/// Enough of a file's identity to notice that it changed.
struct FileFingerprint: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedNanos: Int64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedNanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
