import Foundation

/// Text for the terminal's clipboard, as OSC 52 carries it: `ESC ] 52 ; c ; <base64> BEL`. The
/// terminal (and tmux with `set-clipboard on`) puts it on the system clipboard, over ssh too.
/// `Screen.copy` writes it; nothing else reaches the terminal unescaped.
struct ClipboardCopy: Equatable {
    /// Many terminals refuse (or cut) a longer payload: xterm's default is about 100 KB, tmux
    /// and others are near it. Larger text is refused whole, never sent cut.
    static let maxPayloadBytes = 100_000

    struct TooLarge: Error, Equatable, CustomStringConvertible {
        let bytes: Int
        var description: String {
            "\(DashboardFormat.count(bytes)) bytes is more than terminals take by OSC 52 "
                + "(\(DashboardFormat.count(ClipboardCopy.maxPayloadBytes)) of base64): w writes it to a file"
        }
    }

    /// The whole escape sequence.
    let sequence: [UInt8]
    /// The bytes of text copied.
    let textBytes: Int

    init(_ text: String) throws(TooLarge) {
        let data = Data(text.utf8)
        let payload = data.base64EncodedString()
        guard payload.utf8.count <= Self.maxPayloadBytes else { throw TooLarge(bytes: data.count) }
        sequence = Array("\u{1B}]52;c;".utf8) + Array(payload.utf8) + [0x07]
        textBytes = data.count
    }
}
