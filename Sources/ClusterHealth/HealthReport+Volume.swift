import GlusterEvents

extension HealthReport.Volume {
    /// The share of its usable bytes used, in whole percent (nil when not known).
    public var usedPercent: Int? {
        guard let sizeTotal, let sizeFree, sizeTotal > 0 else { return nil }
        return Int((Double(sizeTotal - min(sizeFree, sizeTotal)) / Double(sizeTotal) * 100).rounded(.down))
    }

    /// Takes the volume's layout, bricks and capacity from what gluster said, and works out its
    /// state: a brick is down when gluster says so or a problem (an event, since) does.
    mutating func describe(_ volume: ObservedCluster.Volume, downBricks: Set<String>, heal: [String: HealCounts]?) {
        let started = volume.status == .started
        let isDown = { (brick: ObservedCluster.Brick) in started && (brick.online == false || downBricks.contains(brick.name)) }
        layout = volume.layout
        brickCount = volume.bricks.count
        bricksDown = volume.bricks.count(where: isDown)
        bricks = volume.bricks.map { brick in
            HealthReport.Brick(
                host: brick.host, path: brick.path, online: started ? !isDown(brick) : nil, space: brick.space, heal: heal?[brick.name])
        }
        healPending = heal.flatMap { Self.healPending(volume, $0) }
        state = volume.state(isDown: isDown)
        reason = Self.reason(state, volume, isDown: isDown)
        (sizeTotal, sizeFree) = Self.usableSpace(volume)
    }

    /// Makes the state worse where events tell more than the topology does (they come first):
    /// server quorum lost takes the volume down; a replica set below quorum, or a disperse set
    /// short of bricks, leaves part of it out of reach.
    mutating func worsen(by problems: [HealthReport.Problem]) {
        guard state != .stopped, state != .created else { return }
        let kinds = Set(problems.map(\.id.kind))
        if kinds.contains(.quorumLost), state.rank < VolumeState.down.rank {
            state = .down
            reason = "server quorum lost"
        } else if !kinds.isDisjoint(with: [.clientQuorumLost, .subvolumeDown, .ecBricksNotUp]), state.rank < VolumeState.partial.rank {
            state = .partial
            reason = kinds.contains(.ecBricksNotUp) ? "a disperse set short of bricks" : "a replica set below quorum"
        }
        if state == .up, !problems.isEmpty {
            reason = Set(problems.map(\.id.kind.words)).sorted().joined(separator: ", ")
        }
    }

    private static func reason(_ state: VolumeState, _ volume: ObservedCluster.Volume, isDown: (ObservedCluster.Brick) -> Bool) -> String {
        let sets = volume.subvolumes
        let layout = volume.layout
        let short = sets.count { set in !layout.quorum(up: set.map { !isDown($0) }) }
        switch state {
        case .down: return "no subvolume reachable"
        case .partial:
            if layout.disperseCount > 0 { return "\(short) of \(sets.count) disperse sets short of bricks" }
            if layout.replicaCount > 1 { return "\(short) of \(sets.count) replica sets below quorum" }
            return "files on \(short) of \(sets.count) bricks out of reach"
        case .degraded: return "redundancy lost"
        case .up, .stopped, .created, .unknown: return ""
        }
    }

    /// Entries to heal: each subvolume's largest backlog (its bricks list the same entries, each
    /// from its side), added up; nil unless every set had a brick that answered.
    static func healPending(_ volume: ObservedCluster.Volume, _ counts: [String: HealCounts]) -> Int? {
        var total = 0
        for set in volume.subvolumes {
            guard let most = set.compactMap({ counts[$0.name]?.pending }).max() else { return nil }
            total = total.addingReportingOverflow(most).overflow ? .max : total + most
        }
        return total
    }

    /// Usable bytes: each distribute brick, each replica set's smallest data brick, each disperse
    /// set's smallest brick times its data bricks; nil unless every subvolume reported.
    static func usableSpace(_ volume: ObservedCluster.Volume) -> (total: UInt64?, free: UInt64?) {
        var total: UInt64 = 0
        var free: UInt64 = 0
        for set in volume.subvolumes {
            let data = set.filter { !$0.isArbiter }
            let spaces = data.compactMap(\.space)
            guard !spaces.isEmpty, spaces.count == data.count, let smallest = spaces.map(\.sizeTotal).min(),
                let least = spaces.map(\.sizeFree).min()
            else { return (nil, nil) }
            let copies = UInt64(volume.layout.disperseCount > 0 ? max(1, set.count - volume.layout.redundancyCount) : 1)
            total = saturating(total, plus: smallest, times: copies)
            free = saturating(free, plus: least, times: copies)
        }
        return (total, free)
    }

    /// `sum + value × times`, at most UInt64.max (the figures come from outside).
    private static func saturating(_ sum: UInt64, plus value: UInt64, times: UInt64) -> UInt64 {
        let (product, overflowed) = value.multipliedReportingOverflow(by: times)
        let (total, overflowedAgain) = sum.addingReportingOverflow(product)
        return overflowed || overflowedAgain ? .max : total
    }
}
