extension String {
    /// The longest start of the string that takes at most `maxBytes` bytes of UTF-8, cut at a
    /// character boundary: how text from outside is bounded before it goes into a label, a file or
    /// an alert.
    public func prefix(utf8Bytes maxBytes: Int) -> String {
        guard utf8.count > maxBytes else { return self }
        var cut = ""
        for character in self {
            guard cut.utf8.count + character.utf8.count <= maxBytes else { break }
            cut.append(character)
        }
        return cut
    }
}
