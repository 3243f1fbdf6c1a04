import Foundation
import Logging
import Synchronization
import Testing

@testable import EventsEngine

#if canImport(Glibc)
    import Glibc
#endif

/// Under systemd, standard error is the journal's stream: lines carry their syslog priority.
@Suite struct JournalLogHandlerTests {
    @Test func standardErrorIsTheJournalOnlyWhenJournalStreamNamesIt() {
        var info = stat()
        #expect(fstat(2, &info) == 0)
        let ours = "\(info.st_dev):\(info.st_ino)"
        #expect(JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": ours]))
        // Inherited by a process whose standard error went elsewhere: not the journal.
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino + 1)"]))
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "garbage"]))
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: [:]))
    }

    @Test func eachLineStartsWithItsPriorityAndNoTime() {
        let lines = Mutex<[String]>([])
        var handler = JournalLogHandler()
        handler.write = { line in lines.withLock { $0.append(line) } }
        let logger = Logger(label: "eventsdash") { _ in handler }
        logger.warning("webhook http://a/ is being retried")
        logger.error("cannot write the event log", metadata: ["path": "/var/lib/eventsdash"])
        logger.notice("log-level is now INFO")
        logger.critical("cannot start")
        #expect(
            lines.withLock { $0 } == [
                "<4>webhook http://a/ is being retried\n", "<3>cannot write the event log path=/var/lib/eventsdash\n",
                "<5>log-level is now INFO\n", "<2>cannot start\n",
            ])
    }
}
