import Foundation

/// Files under `Tests/Fixtures` (see its README): captures from a real GlusterFS.
public enum Fixtures {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The datagrams of a capture (`FAMILY<tab>DATAGRAM` lines), as sent.
    public static func datagrams(_ name: String) throws -> [String] {
        try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(separator: "\n").map {
            String($0.split(separator: "\t", maxSplits: 1)[1])
        }
    }

    public static let brickFailures = "gluster-10.3-brick-failures.tsv"
}
