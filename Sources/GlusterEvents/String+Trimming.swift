extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        let spaceBytes: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
        if let first = utf8.first, let last = utf8.last, !spaceBytes.contains(first), !spaceBytes.contains(last) { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
