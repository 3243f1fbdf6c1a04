/// One line of the durable event log: `<seq>\t<received-ms>\t<source>\t<webhook JSON>\n`.
///
/// The body is stored exactly as it is POSTed, so delivery and redelivery send the logged bytes.
/// JSON never holds a raw tab or newline, so the line splits without ambiguity.
public struct LoggedEvent: Sendable, Equatable {
    /// The event's identity: increasing from 1 in the order events were accepted.
    public var sequence: UInt64
    /// When eventsdash accepted it, in Unix milliseconds.
    public var receivedAtMillis: Int64
    /// Where it came from, e.g. `127.0.0.1:40522`.
    public var source: String
    /// The webhook JSON: `{"event": …, "message": {…}, "nodeid": …, "ts": …}`.
    public var body: String

    public init(sequence: UInt64, receivedAtMillis: Int64, source: String, body: String) {
        self.sequence = sequence
        self.receivedAtMillis = receivedAtMillis
        self.source = source
        self.body = body
    }

    /// Appends a line's UTF-8 bytes (the writer's hot path: no intermediate strings).
    static func appendLine(sequence: UInt64, receivedAtMillis: Int64, source: String, body: String, to bytes: inout [UInt8]) {
        bytes.appendDecimal(sequence)
        bytes.append(0x09)
        bytes.appendDecimal(receivedAtMillis)
        bytes.append(0x09)
        bytes.appendUTF8(source)
        bytes.append(0x09)
        bytes.appendUTF8(body)
        bytes.append(0x0A)
    }

    /// Reads one line (without its newline); nil for a line that is not a log record.
    public init?(line: Substring) {
        let parts = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let sequence = UInt64(parts[0]), let received = Int64(parts[1]) else { return nil }
        self.init(sequence: sequence, receivedAtMillis: received, source: String(parts[2]), body: String(parts[3]))
    }
}
