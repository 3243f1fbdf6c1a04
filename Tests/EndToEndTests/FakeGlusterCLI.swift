import Foundation
import TestSupport

/// A stand-in for the gluster CLI (`EVENTSDASH_GLUSTER_CLI`) that answers with the real GlusterFS
/// 10.3 captures of `Tests/Fixtures/gluster-cli-10.3/`: `volume info`, `volume status all detail`,
/// `pool list`, and per volume `heal V info summary`, `rebalance V status`, `quota V list`,
/// `geo-replication V status`. `answer(_:with:)` chooses the capture for a command;
/// `glusterdStops()` makes it answer as the real CLI does when glusterd is down.
final class FakeGlusterCLI {
    private let directory = TemporaryDirectory()
    var path: String { directory.file("gluster") }
    var environment: [String: String] { ["EVENTSDASH_GLUSTER_CLI": path] }

    init() throws {
        let script = """
            #!/bin/sh
            # Answers as the gluster CLI would, from captures (see FakeGlusterCLI.swift).
            here=$(dirname "$0")
            if [ -e "$here/down" ]; then
              echo "Connection failed. Please check if gluster daemon is operational."
              exit 1
            fi
            case "$*" in
              *"volume info"*) key=info ;;
              *"volume status"*) key=status ;;
              *"pool list"*) key=pool ;;
              *"heal "*" info summary"*) key=heal-$(echo "$*" | sed 's/.*heal \\([^ ]*\\) info.*/\\1/') ;;
              *"rebalance "*" status"*) key=rebalance-$(echo "$*" | sed 's/.*rebalance \\([^ ]*\\) status.*/\\1/') ;;
              *"quota "*" list"*) key=quota-$(echo "$*" | sed 's/.*quota \\([^ ]*\\) list.*/\\1/') ;;
              *"geo-replication "*" status"*) key=georep-$(echo "$*" | sed 's/.*geo-replication \\([^ ]*\\) status.*/\\1/') ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            [ -e "$here/$key" ] || { echo "no answer for $key" >&2; exit 2; }
            cat "$here/$key"
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        _ = chmod(path, 0o755)
        answer("info", with: "volume-info.xml")
        answer("status", with: "status-detail-all-up.xml")
        answer("pool", with: "pool-list.xml")
    }

    /// From now on, `key` (info, status, pool, heal-VOLUME, rebalance-, quota-, georep-VOLUME) is
    /// answered with the capture `fixture`.
    func answer(_ key: String, with fixture: String) {
        let source = Fixtures.directory + "/gluster-cli-10.3/" + fixture
        try? FileManager.default.removeItem(atPath: directory.file(key))
        try? FileManager.default.copyItem(atPath: source, toPath: directory.file(key))
    }

    func glusterdStops() { FileManager.default.createFile(atPath: directory.file("down"), contents: nil) }
}
