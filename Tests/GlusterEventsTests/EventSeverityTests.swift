import GlusterEvents
import Testing

@Suite struct EventSeverityTests {
    @Test(arguments: [
        "BRICK_DISCONNECTED", "QUORUM_LOST", "AFR_SPLIT_BRAIN", "GEOREP_FAULTY", "SNAPSHOT_CREATE_FAILED",
        "PEER_STORE_FAILURE", "AFR_QUORUM_FAIL", "AFR_SUBVOLS_DOWN", "EC_MIN_BRICKS_NOT_UP", "CLIENT_AUTH_REJECT",
        "BITROT_BAD_FILE", "SVC_DISCONNECTED", "POSIX_HEALTH_CHECK_FAILED", "PEER_REJECT", "PEER_DISCONNECT", "SVC_MANAGER_FAILED",
    ])
    func problems(name: String) { #expect(EventSeverity.of(name) == .problem) }

    @Test(arguments: [
        "QUOTA_CROSSED_SOFT_LIMIT", "SNAPSHOT_SOFT_LIMIT_REACHED", "SNAPSHOT_HARD_LIMIT_REACHED", "TIER_WATERMARK_HI",
        "DHT_DISK_USAGE", "DHT_INODES_USAGE", "TIER_WATERMARK_RAISED_TO_MID",
    ])
    func warnings(name: String) { #expect(EventSeverity.of(name) == .warning) }

    @Test(arguments: [
        "BRICK_CONNECTED", "PEER_CONNECT", "QUORUM_REGAINED", "GEOREP_ACTIVE", "SVC_CONNECTED", "AFR_QUORUM_MET", "AFR_SUBVOL_UP",
        "EC_MIN_BRICKS_UP", "VOLUME_REBALANCE_COMPLETE", "GEOREP_CHECKPOINT_COMPLETED",
    ])
    func recoveries(name: String) { #expect(EventSeverity.of(name) == .recovery) }

    /// A mount coming and going is routine, and a volume stopped is not a problem.
    @Test(arguments: [
        "VOLUME_CREATE", "VOLUME_SET", "PEER_ATTACH", "GEOREP_CONFIG_SET", "UNKNOWN_500", "CLIENT_CONNECT", "CLIENT_DISCONNECT",
        "VOLUME_STOP", "VOLUME_DELETE",
    ])
    func information(name: String) { #expect(EventSeverity.of(name) == .info) }

    @Test func everyCatalogNameHasASeverity() {
        let counts = Dictionary(grouping: EventCatalog.names, by: EventSeverity.of).mapValues(\.count)
        #expect(counts.values.reduce(0, +) == 142)
        #expect(EventSeverity.allCases.allSatisfy { (counts[$0] ?? 0) > 0 })
    }
}

@Suite struct EventNamePatternTests {
    @Test(arguments: [
        ("VOLUME_*", "VOLUME_CREATE", true), ("volume_*", "VOLUME_SET", true), ("EVENT_VOLUME_*", "VOLUME_SET", true),
        ("VOLUME_*", "PEER_ATTACH", false), ("*_FAILED", "BRICK_START_FAILED", true), ("*QUORUM*", "AFR_QUORUM_MET", true),
        ("BRICK_?ISCONNECTED", "BRICK_DISCONNECTED", true), ("QUORUM_LOST", "QUORUM_LOST", true),
        ("QUORUM_LOST", "QUORUM_LOST_X", false), ("*", "ANYTHING", true), ("A*B*C", "AXXBXXC", true), ("A*B*C", "AXXBXX", false),
    ])
    func matches(pattern: String, name: String, expected: Bool) {
        #expect(EventNamePattern(pattern).matches(name) == expected)
    }
}
