/// The event name and timestamp of a logged webhook body, which a JWT needs and a webhook's event
/// filter tests. Bodies eventsdash writes put `"event"` first and `"ts"` last (keys sorted), so both
/// are read off the ends without parsing the message; any other body is parsed.
public enum WebhookBodyHeader {
    /// The event name alone (read off the start of a body eventsdash wrote).
    public static func name(of body: String) -> String? {
        let bytes = body.utf8
        let prefix = #"{"event": ""#.utf8
        if bytes.starts(with: prefix), let (name, rest) = quotedName(bytes.dropFirst(prefix.count)), rest.starts(with: #"", "#.utf8) {
            return name
        }
        return (try? JSONValue.parse(body))?["event"]?.stringValue
    }

    public static func nameAndTimestamp(of body: String) -> (name: String, timestamp: Int64)? {
        let bytes = body.utf8
        let prefix = #"{"event": ""#.utf8
        if bytes.starts(with: prefix), let (name, rest) = quotedName(bytes.dropFirst(prefix.count)),
            rest.starts(with: #"", "#.utf8), let timestamp = trailingTimestamp(bytes)
        {
            return (name, timestamp)
        }
        guard let json = try? JSONValue.parse(body), let name = json["event"]?.stringValue,
            let timestamp = json["ts"]?.intValue
        else { return nil }
        return (name, timestamp)
    }

    /// A name of plain ASCII letters, digits and `_` up to the closing quote.
    private static func quotedName(_ bytes: Substring.UTF8View.SubSequence) -> (String, Substring.UTF8View.SubSequence)? {
        guard let end = bytes.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let name = bytes[..<end]
        guard name.allSatisfy({ $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) })
        else { return nil }
        return (String(decoding: name, as: UTF8.self), bytes[end...])
    }

    /// `N` from a body ending in `, "ts": N}`.
    private static func trailingTimestamp(_ bytes: String.UTF8View) -> Int64? {
        if let read = bytes.withContiguousStorageIfAvailable(trailingTimestamp(in:)) { return read }
        return Array(bytes).withUnsafeBufferPointer(trailingTimestamp(in:))
    }

    private static func trailingTimestamp(in bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.last == UInt8(ascii: "}") else { return nil }
        var start = bytes.count - 1
        while start > 0, (0x30...0x39).contains(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "-") { start -= 1 }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<(bytes.count - 1)])
        guard !digits.isEmpty, UnsafeBufferPointer(rebasing: bytes[..<start]).hasSuffix(#", "ts": "#.utf8) else { return nil }
        return Int64(String(decoding: digits, as: UTF8.self))
    }
}

extension Collection where Element == UInt8 {
    fileprivate func hasSuffix(_ suffix: some Collection<UInt8>) -> Bool {
        count >= suffix.count && self.dropFirst(count - suffix.count).elementsEqual(suffix)
    }
}
