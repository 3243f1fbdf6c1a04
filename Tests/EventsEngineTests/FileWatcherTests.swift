import Foundation
import Testing
import TestSupport

@testable import EventsEngine

#if canImport(Glibc)
    import Glibc
#endif

/// `webhooks.json` and `config.json` are edited by other processes: each change is told once.
@Suite struct FileWatcherTests {
    let temporary = TemporaryDirectory()

    @Test func anUntouchedFileHasNotChanged() {
        temporary.write("{}", to: "webhooks.json")
        let watcher = FileWatcher(path: temporary.file("webhooks.json"))
        #expect(!watcher.changed())
        #expect(!watcher.changed())
    }

    @Test func aFileRenamedOverItIsAChangeToldOnce() {
        temporary.write(#"{"a": 1}"#, to: "webhooks.json")
        let watcher = FileWatcher(path: temporary.file("webhooks.json"))
        temporary.write(#"{"b": 2}"#, to: "webhooks.json.tmp")  // the same size, as gluster-eventsapi writes it
        rename(temporary.file("webhooks.json.tmp"), temporary.file("webhooks.json"))
        #expect(watcher.changed())
        #expect(!watcher.changed())
    }

    @Test func anEditInPlaceIsAChange() throws {
        temporary.write("{}", to: "config.json")
        let watcher = FileWatcher(path: temporary.file("config.json"))
        let handle = try #require(FileHandle(forWritingAtPath: temporary.file("config.json")))
        handle.seekToEndOfFile()
        handle.write(Data(" ".utf8))
        handle.closeFile()
        #expect(watcher.changed())
        #expect(!watcher.changed())
    }

    @Test func onlyANewModificationTimeIsAChange() {
        temporary.write("{}", to: "config.json")
        let watcher = FileWatcher(path: temporary.file("config.json"))
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, temporary.file("config.json"), &times, 0)
        #expect(watcher.changed())
    }

    @Test func appearingAndGoingAreChanges() {
        let watcher = FileWatcher(path: temporary.file("config.json"))
        #expect(!watcher.changed())  // absent, still absent
        temporary.write("{}", to: "config.json")
        #expect(watcher.changed())
        unlink(temporary.file("config.json"))
        #expect(watcher.changed())
        #expect(!watcher.changed())
    }
}
