import EventLog
import GlusterEvents
import GlusterHost

/// Where `EventPipeline` numbers and keeps events: the durable event log (`EventLogWriter`); in
/// tests, one that refuses writes as a full disk does.
protocol DurableLog: AnyObject {
    /// The sequence number the next appended event gets.
    var nextSequence: UInt64 { get }
    /// Numbers and appends `events`, all or none; the first number given.
    func append(_ events: [ReceivedEvent]) throws(FileSystemError) -> UInt64?
    /// Flushes what was appended to the disk.
    func sync()
}

extension EventLogWriter: DurableLog {}
