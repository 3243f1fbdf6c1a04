import ClusterHealth
import GlusterEvents
import Testing

/// Each row of `HealthRules`: its event opens the problem, named by gluster's fields, and its
/// closing event (with the fields gluster sends it with) closes it.
@Suite struct HealthRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var opening: (String, String)
        var closing: (String, String)?
        var id: String
        var severity: ProblemKind.Severity
        var testDescription: String { opening.0 }
    }

    static let rows: [Row] = [
        Row(opening: ("BRICK_DISCONNECTED", "peer=vm;volume=gv0;brick=/bricks/gv0/b1"),
            closing: ("BRICK_CONNECTED", "peer=vm;volume=gv0;brick=/bricks/gv0/b1"),
            id: "brick-down/vm:/bricks/gv0/b1", severity: .warning),
        Row(opening: ("POSIX_HEALTH_CHECK_FAILED", "op=write;path=/bricks/gv0/b1/.glusterfs/health_check;error=EIO;brick=vm:/bricks/gv0/b1 timeout is 10"),
            closing: ("BRICK_CONNECTED", "peer=vm;volume=gv0;brick=/bricks/gv0/b1"),
            id: "brick-health-check-failed/vm:/bricks/gv0/b1", severity: .critical),
        Row(opening: ("PEER_DISCONNECT", "peer=node2;uuid=6f1c0000-0000-4000-8000-000000000002;state=Peer in Cluster"),
            closing: ("PEER_CONNECT", "host=node2;uuid=6f1c0000-0000-4000-8000-000000000002"),
            id: "peer-disconnected/node2", severity: .warning),
        Row(opening: ("PEER_REJECT", "peer=node3"), closing: ("PEER_CONNECT", "host=node3;uuid=u3"),
            id: "peer-rejected/node3", severity: .critical),
        Row(opening: ("QUORUM_LOST", "volume=gv0"), closing: ("QUORUM_REGAINED", "volume=gv0"),
            id: "quorum-lost/gv0", severity: .critical),
        Row(opening: ("AFR_QUORUM_FAIL", "client-pid=-6; subvol=gv0-replicate-0"),
            closing: ("AFR_QUORUM_MET", "client-pid=-6; subvol=gv0-replicate-0"),
            id: "client-quorum-lost/gv0-replicate-0", severity: .critical),
        Row(opening: ("AFR_SUBVOLS_DOWN", "client-pid=0; subvol=gv0-replicate-1"),
            closing: ("AFR_SUBVOL_UP", "client-pid=0; subvol=gv0-replicate-1"),
            id: "subvolume-down/gv0-replicate-1", severity: .critical),
        Row(opening: ("EC_MIN_BRICKS_NOT_UP", "subvol=ec1-disperse-0"), closing: ("EC_MIN_BRICKS_UP", "subvol=ec1-disperse-0"),
            id: "ec-bricks-not-up/ec1-disperse-0", severity: .critical),
        Row(opening: ("AFR_SPLIT_BRAIN", "client-pid=-6;subvol=gv0-replicate-0;type=data;file=8a3c0000-0000-4000-8000-00000000000f"),
            closing: nil, id: "split-brain/gv0-replicate-0:8a3c0000-0000-4000-8000-00000000000f", severity: .critical),
        Row(opening: ("GEOREP_FAULTY", "primary_volume=gv0;primary_node=vm;primary_node_id=u1;secondary_host=backup;secondary_volume=gv0b;current_secondary_host=backup;brick_path=/bricks/gv0/b1"),
            closing: ("GEOREP_ACTIVE", "primary_volume=gv0;primary_node=vm;primary_node_id=u1;secondary_host=backup;secondary_volume=gv0b;brick_path=/bricks/gv0/b1"),
            id: "georep-faulty/gv0:backup:gv0b:vm:/bricks/gv0/b1", severity: .critical),
        Row(opening: ("GEOREP_FAULTY", "master_volume=gv0;master_node=vm;slave_host=backup;slave_volume=gv0b;brick_path=/b2"),
            closing: ("GEOREP_PASSIVE", "master_volume=gv0;master_node=vm;slave_host=backup;slave_volume=gv0b;brick_path=/b2"),
            id: "georep-faulty/gv0:backup:gv0b:vm:/b2", severity: .critical),
        Row(opening: ("SVC_DISCONNECTED", "svc_name=glustershd"), closing: ("SVC_CONNECTED", "svc_name=glustershd"),
            id: "daemon-down/glustershd:\(HealthEvents.node)", severity: .warning),
        Row(opening: ("SVC_MANAGER_FAILED", "svc_name=quotad"), closing: ("SVC_CONNECTED", "svc_name=quotad"),
            id: "daemon-failed/quotad:\(HealthEvents.node)", severity: .critical),
        Row(opening: ("QUOTA_CROSSED_SOFT_LIMIT", "Usage=1.5GB;volume=gv0;path=/projects"), closing: nil,
            id: "quota-soft-limit/gv0:/projects", severity: .warning),
        Row(opening: ("SNAPSHOT_SOFT_LIMIT_REACHED", "volume_name=gv0;volume_id=9b1e0000-0000-4000-8000-000000000001"), closing: nil,
            id: "snapshot-soft-limit/gv0", severity: .warning),
        Row(opening: ("SNAPSHOT_HARD_LIMIT_REACHED", "volume_name=gv0;volume_id=9b1e0000-0000-4000-8000-000000000001"), closing: nil,
            id: "snapshot-hard-limit/gv0", severity: .warning),
        Row(opening: ("BITROT_BAD_FILE", "gfid=7e2a0000-0000-4000-8000-000000000003;path=/data/x.bin;brick=/bricks/gv0/b2"), closing: nil,
            id: "bitrot-bad-file/\(HealthEvents.node):/bricks/gv0/b2:/data/x.bin", severity: .critical),
    ]

    @Test(arguments: rows)
    func opensAndCloses(row: Row) throws {
        var health = ClusterHealth()
        health.apply(HealthEvents.event(row.opening.0, row.opening.1, at: 100))
        let problem = try #require(health.report(at: 200).problems.first)
        #expect(problem.id.description == row.id)
        #expect(problem.severity == row.severity && problem.isOpen && problem.since == 100 && !problem.reconciled)
        #expect(health.report(at: 200).status == (row.severity == .critical ? .critical : .warning))
        if let closing = row.closing {
            #expect(problem.id.kind.closesOnAcknowledgement == false)
            health.apply(HealthEvents.event(closing.0, closing.1, at: 150))
        } else {
            #expect(problem.id.kind.closesOnAcknowledgement)
            health.apply(HealthEvents.event("VOLUME_SET", "name=gv0;options=a,b", at: 150))  // nothing closes it but people
            #expect(health.openProblems() == [row.id])
            health.decide(.acknowledge(problem.id), at: 150)
        }
        #expect(health.openProblems().isEmpty)
        #expect(health.report(at: 200).status == .ok)
    }

    /// The ones no event closes stand until acknowledged; the same problem later opens again.
    @Test func anAcknowledgedProblemOpensAgainWhenItHappensAgain() throws {
        var health = ClusterHealth()
        let splitBrain = "client-pid=-6;subvol=gv0-replicate-0;type=metadata;file=f1"
        health.apply(HealthEvents.event("AFR_SPLIT_BRAIN", splitBrain, at: 100))
        health.decide(.acknowledge(try #require(ProblemID("split-brain/gv0-replicate-0:f1"))), at: 110)
        health.apply(HealthEvents.event("AFR_SPLIT_BRAIN", splitBrain, at: 120))
        #expect(health.openProblems() == ["split-brain/gv0-replicate-0:f1"])
    }

    /// An acknowledgement survives a restart: replaying the log with the decisions read back does not
    /// reopen what was acknowledged.
    @Test func anAcknowledgementHoldsWhenTheLogIsReplayed() throws {
        let events = [HealthEvents.event("BITROT_BAD_FILE", "gfid=g;path=/x;brick=/b", at: 100)]
        var before = ClusterHealth()
        before.apply(events)
        before.decide(.acknowledge(try #require(before.report(at: 101).problems.first?.id)), at: 101)
        var after = ClusterHealth(decisions: HealthDecisions(json: before.decisions.json))
        after.apply(events)
        #expect(after.openProblems().isEmpty)
    }

    @Test func volumeStopAndDeleteCloseEveryProblemOfTheVolume() {
        var health = ClusterHealth()
        health.apply([
            HealthEvents.event("BRICK_DISCONNECTED", "peer=vm;volume=gv0;brick=/b1"),
            HealthEvents.event("AFR_QUORUM_FAIL", "client-pid=-6; subvol=gv0-replicate-0"),
            HealthEvents.event("AFR_SUBVOLS_DOWN", "client-pid=-6; subvol=gv0-replicate-0"),
            HealthEvents.event("QUORUM_LOST", "volume=gv0"),
            HealthEvents.event("BRICK_DISCONNECTED", "peer=vm;volume=gv1;brick=/c1"),
        ])
        #expect(health.openProblems().count == 5)
        health.apply(HealthEvents.event("VOLUME_STOP", "name=gv0;force=0"))
        #expect(health.openProblems() == ["brick-down/vm:/c1"])
        health.apply(HealthEvents.event("VOLUME_DELETE", "name=gv1"))
        #expect(health.openProblems().isEmpty)
    }

    @Test func stoppingAGeorepSessionClosesItsFaultyWorkers() {
        var health = ClusterHealth()
        let worker = "primary_volume=gv0;primary_node=vm;secondary_host=backup;secondary_volume=gv0b;brick_path="
        health.apply([
            HealthEvents.event("GEOREP_FAULTY", worker + "/b1"), HealthEvents.event("GEOREP_FAULTY", worker + "/b2"),
            HealthEvents.event("GEOREP_FAULTY", "primary_volume=gv0;primary_node=vm;secondary_host=other;secondary_volume=x;brick_path=/b1"),
        ])
        health.apply(HealthEvents.event("GEOREP_STOP", "force=0;primary=gv0;secondary=geoaccount@backup::gv0b"))
        #expect(health.openProblems() == ["georep-faulty/gv0:other:x:vm:/b1"])
    }

    /// A mount coming and going is routine: no problem, and not coloured as one.
    @Test func clientsComingAndGoingAreNoProblem() {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("CLIENT_DISCONNECT", "client_uid=x;client_identifier=1.2.3.4:5;server_identifier=s;brick_path=/b1"))
        #expect(health.report(at: 2_000).problems.isEmpty)
        #expect(EventSeverity.of("CLIENT_DISCONNECT") == .info && EventSeverity.of("CLIENT_CONNECT") == .info)
    }

    /// An event without the fields that name its entity changes nothing (it came from outside).
    @Test func anEventMissingItsEntityIsIgnored() {
        var health = ClusterHealth()
        health.apply(HealthEvents.event("BRICK_DISCONNECTED", "peer=vm;volume=gv0"))
        health.apply(HealthEvents.event("POSIX_HEALTH_CHECK_FAILED", "brick=no-colon-here"))
        #expect(health.report(at: 2_000).problems.isEmpty)
    }

    /// Every opening event's kind appears in the table once, and every event of the table is in
    /// gluster's catalog.
    @Test func theTableMatchesTheCatalog() {
        for rule in HealthRules.all { #expect(EventCatalog.number(of: rule.event) != nil, "\(rule.event)") }
        let opened = HealthRules.all.compactMap { if case .opens(let kind) = $0.effect { kind } else { nil } }
        #expect(Set(opened) == Set(ProblemKind.allCases.filter { !$0.isPolled }))
    }
}

@Suite struct EntityTests {
    @Test(arguments: [
        ("gv0-replicate-0", "gv0"), ("my-vol-2-replicate-12", "my-vol-2"), ("ec1-disperse-3", "ec1"),
        ("gv0-replicate-", nil), ("replicate-0", nil), ("gv0-dht", nil), ("-replicate-1", ""),
    ] as [(String, String?)])
    func aSubvolumeBelongsToItsVolume(subvol: String, volume: String?) {
        #expect(Entity(fields: [.init(name: "subvol", value: subvol)]).volume == volume)
    }
}
