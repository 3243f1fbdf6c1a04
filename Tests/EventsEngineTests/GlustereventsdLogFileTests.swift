import Foundation
import Logging
import Synchronization
import Testing
import TestSupport

@testable import EventsEngine

#if canImport(Glibc)
    import Glibc
#endif

/// Sharing glusterd's files, the operator log also goes where glustereventsd logs, as it logs.
@Suite struct GlustereventsdLogFileTests {
    let temporary = TemporaryDirectory()

    @Test func linesAreInGlustereventsdsFormat() throws {
        let file = GlustereventsdLogFile(path: temporary.file("events.log"))
        file.append(level: .warning, message: "webhook http://h/x is being retried: HTTP 503", at: 1_700_000_000.25)
        file.append(level: .notice, message: "log-level is now DEBUG", metadata: ["peer": "node-2"])
        let lines = try #require(temporary.read("events.log")).split(separator: "\n")
        #expect(lines.count == 2)
        // glustereventsd: [2026-11-30 21:03:13,794] INFO [utils - 67:log_event] - {…}
        #expect(lines[0].wholeMatch(of: #/\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,250\] WARNING \[eventsdash\] - webhook http://h/x is being retried: HTTP 503/#) != nil)
        #expect(lines[1].hasSuffix("] INFO [eventsdash] - log-level is now DEBUG peer=node-2"))
    }

    @Test func outsideTextStaysOnOneLineWithoutTerminalControls() throws {
        let file = GlustereventsdLogFile(path: temporary.file("events.log"))
        file.append(level: .error, message: "problem: bad\nfake line \u{1b}[31m")
        let text = try #require(temporary.read("events.log"))
        #expect(text.split(separator: "\n").count == 1)
        #expect(text.hasSuffix(#"problem: bad\nfake line \x1b[31m"# + "\n"))
    }

    @Test func aFileMovedAwayIsStartedAfresh() throws {
        let file = GlustereventsdLogFile(path: temporary.file("events.log"))
        file.append(level: .info, message: "first")
        rename(temporary.file("events.log"), temporary.file("events.log.1"))  // logrotate
        file.append(level: .info, message: "second")
        #expect(temporary.read("events.log.1")?.contains("first") == true)
        #expect(try #require(temporary.read("events.log")).hasSuffix("- second\n"))
    }

    @Test func aFileThatCannotBeOpenedIsSaidOnceAndStopsNothing() {
        let said = Mutex<[String]>([])
        let file = GlustereventsdLogFile(path: temporary.file("missing/events.log")) { text in said.withLock { $0.append(text) } }
        file.check()
        file.append(level: .error, message: "one")
        file.append(level: .error, message: "two")
        #expect(said.withLock { $0.count } == 1)
        #expect(said.withLock { $0.first?.contains("cannot open \(temporary.file("missing/events.log"))") } == true)
    }

    @Test func theOperatorLoggerWritesThereAtTheLiveLevel() throws {
        let level = LiveLogLevel()
        let logger = OperatorLog.logger(level: level, standardError: false, file: temporary.file("events.log"))
        logger.debug("not at INFO")
        logger.warning("at INFO")
        level.set(glusterName: "DEBUG")
        logger.debug("at DEBUG")
        let text = try #require(temporary.read("events.log"))
        #expect(!text.contains("not at INFO"))
        #expect(text.contains("WARNING [eventsdash] - at INFO") && text.contains("DEBUG [eventsdash] - at DEBUG"))
    }
}
