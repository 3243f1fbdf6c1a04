import Foundation
import GlusterEvents

/// The node id every published event carries: glusterd's own UUID when this is a gluster node,
/// otherwise a UUID made once and kept in eventsdash's state directory.
public enum NodeIdentity {
    /// The `UUID=` line of a `glusterd.info` file, if it has one.
    public static func glusterdUUID(infoFile: String) -> String? {
        guard let text = try? String(contentsOfFile: infoFile, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("UUID=") {
            let uuid = line.dropFirst("UUID=".count).trimmingCharacters(in: .whitespaces)
            if !uuid.isEmpty { return uuid }
        }
        return nil
    }

    /// glusterd's UUID if there is one, else the one kept in `keptFile` (made on first use).
    public static func resolve(glusterdInfo: String, keptFile: String) throws -> String {
        if let uuid = glusterdUUID(infoFile: glusterdInfo) { return uuid }
        if let kept = try? String(contentsOfFile: keptFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), UUID(uuidString: kept) != nil
        {
            return kept.lowercased()
        }
        let made = UUID().uuidString.lowercased()
        try AtomicFile.write(Data((made + "\n").utf8), to: keptFile)
        return made
    }
}
