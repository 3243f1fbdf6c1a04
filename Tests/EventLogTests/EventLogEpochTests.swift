import Foundation
import Testing
import TestSupport

@testable import EventLog

/// The epoch is made once with the log, kept, and made anew for a new log.
@Suite struct EventLogEpochTests {
    let temporary = TemporaryDirectory()

    @Test func theEpochIsMadeOnceAndKept() throws {
        let directory = temporary.path + "/log"
        #expect(EventLogEpoch.read(directory: directory) == nil)
        let epoch = try EventLogEpoch.resolve(directory: directory)
        #expect(epoch.count == 16 && epoch.allSatisfy(\.isHexDigit))
        #expect(try EventLogEpoch.resolve(directory: directory) == epoch)
        #expect(EventLogEpoch.read(directory: directory) == epoch)
        // A new log (the old one deleted) has another.
        try FileManager.default.removeItem(atPath: directory)
        #expect(try EventLogEpoch.resolve(directory: directory) != epoch)
    }

    @Test func anEpochFileCutShortIsMadeAgain() throws {
        let directory = temporary.path + "/log"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/" + EventLogEpoch.fileName, contents: Data("5c1e0a".utf8))
        let epoch = try EventLogEpoch.resolve(directory: directory)
        #expect(epoch.count == 16 && EventLogEpoch.read(directory: directory) == epoch)
    }
}
