import EventLog
import GlusterEvents

/// One webhook's delivery, as a state machine without threads or I/O (the `DeliveryEngine` runs
/// it): which logged events to send next, what to do with each outcome, and the webhook's
/// persisted position — the oldest event not yet finished (delivered, given up or not wanted).
///
/// Up to `maxInFlight` requests at once, in log order; a failed event is retried after a backoff
/// while later ones go on (at most `window` events past the position), except with `maxInFlight`
/// 1, which keeps strict order. A failure that calls for a retry also pauses new sends to the
/// webhook until that retry is due (a success ends the pause), so an endpoint that is down is not
/// hammered.
struct WebhookLane {
    var webhook: Webhook
    var settings: WebhookSettings {
        didSet { if settings.events != oldValue.events { wantedAhead = nil } }  // counted for the old filter
    }
    /// The engine's retry policy (`--retry-…`, `--give-up-after`).
    private let enginePolicy: RetryPolicy
    /// The engine's policy with the webhook's own bounds, as its settings say now.
    var policy: RetryPolicy { settings.policy(default: enginePolicy) }
    /// The first sequence this webhook was given (events before it were never sent to it).
    let startSequence: UInt64
    /// Where delivery stood when this lane was made: the events it finished before (above its
    /// position too) are not sent again, and what became of them is known only from this.
    private let resumedFrom: DeliveryPlace

    /// The next sequence to read from the log.
    private(set) var nextToRead: UInt64
    /// Read, wanted, not yet sent.
    private var ready: [DeliveryItem] = []
    private var readyStart = 0
    /// The bodies of the events in `ready`, in bytes.
    private var readyBytes = 0
    private var inFlight: [UInt64: Attempt] = [:]
    /// Failed, waiting for their retry (sorted by sequence).
    private var retrying: [Attempt] = []
    /// No new sends before this (seconds, the engine's clock) after a retryable failure.
    private var pausedUntil: Double = 0
    private(set) var health = WebhookHealth()
    private(set) var latencies = LatencyWindow()
    private(set) var outcomes = OutcomeRecord()
    private var deliveredTimes = RateCounter()
    /// With an event filter: how many events past `nextToRead` the webhook wants, counted ahead of
    /// reading them (`countAhead`) through `through`, so that its backlog counts only what it will
    /// be sent. Nil until counting starts (and after a skip or a filter change).
    private var wantedAhead: (through: UInt64, count: Int)?
    /// When the current run of failures started (nil while the last attempt succeeded).
    private var failingSince: Double?
    /// What the webhook last answered when it failed (for the events given up at their deadline).
    private var lastFailure: String?
    private var lastGivenUpAt: Double?

    struct Attempt {
        var item: DeliveryItem
        var attempts: Int
        var firstAttemptAt: Double
        var dueAt: Double = 0
    }

    /// What became of an event that will not be sent again.
    struct GivenUp: Equatable {
        var sequence: UInt64
        var reason: String
        /// More than 1 for a run of events retention deleted before they were read.
        var count: UInt64 = 1

        /// Why events deleted from the log before they were delivered are given up.
        static let retention = "retention: deleted from the event log before delivery"
    }

    /// How far a lane reads ahead of what it has sent: events and bytes. A shard's lanes share
    /// `shardBudgetBytes`, so that many webhooks (each holding what waits for it) cost a bounded
    /// amount whatever their backlogs; one alone reads up to 512 events or 2 MiB.
    struct ReadAhead: Equatable {
        var events = 512
        var bytes = 2 << 20

        static let shardBudgetBytes = 32 << 20

        /// Each of `lanes`' share of the shard's budget: at least 16 events and 64 KiB.
        init(sharedBy lanes: Int) {
            bytes = max(64 << 10, min(2 << 20, Self.shardBudgetBytes / max(1, lanes)))
            events = max(16, min(512, bytes / 4096))
        }

        init() {}
    }

    var readAhead = ReadAhead()

    /// Starts at `place`: its position, skipping the events above it that were finished before.
    /// `policy`: the engine's (the webhook's own bounds apply on top).
    init(webhook: Webhook, policy: RetryPolicy, from place: DeliveryPlace) {
        self.webhook = webhook
        settings = WebhookSettings(webhook)
        enginePolicy = policy
        startSequence = place.since ?? place.position
        resumedFrom = place
        nextToRead = place.position
        if let tally = place.tally {
            health = WebhookHealth(tally)
            lastGivenUpAt = tally.lastGivenUpAt.map(Double.init)
        }
    }

    init(webhook: Webhook, policy: RetryPolicy, from sequence: UInt64) {
        self.init(webhook: webhook, policy: policy, from: DeliveryPlace(position: sequence))
    }

    /// Where the lane is, to resume from after a restart: the position, and the runs of events
    /// above it already finished (everything read that is not queued, in flight or retrying).
    var place: DeliveryPlace {
        var unfinished = ready[readyStart...].map(\.sequence) + inFlight.keys + retrying.map(\.item.sequence)
        unfinished.sort()
        let tally = health.tally(lastGivenUpAt: lastGivenUpAt.map { Int64($0) })
        guard let first = unfinished.first else {
            return DeliveryPlace(position: nextToRead, since: startSequence, tally: tally)
        }
        var runs: [ClosedRange<UInt64>] = []
        for (this, next) in zip(unfinished, unfinished.dropFirst() + [nextToRead]) where next > this + 1 {
            runs.append((this + 1)...(next - 1))
        }
        return DeliveryPlace(position: first, finishedAhead: runs, since: startSequence, tally: tally)
    }

    /// Events the lane may hold beyond its position: strict order with one request in flight.
    var window: Int { settings.maxInFlight == 1 ? 1 : 10_000 }

    /// The oldest sequence not yet finished: everything before it was delivered, given up or not wanted.
    var position: UInt64 {
        var oldest = nextToRead
        if readyStart < ready.count { oldest = min(oldest, ready[readyStart].sequence) }
        if let first = inFlight.keys.min() { oldest = min(oldest, first) }
        if let first = retrying.first { oldest = min(oldest, first.item.sequence) }
        return oldest
    }

    /// How many more events the lane wants read from the log now: up to `readAhead.events`, and
    /// none while those waiting hold `readAhead.bytes` (a webhook that is down keeps little in
    /// memory whatever the events' size; the log holds them).
    var wantsToRead: Int {
        guard readyBytes < readAhead.bytes else { return 0 }
        let buffered = ready.count - readyStart
        let ahead = Int(nextToRead - position)
        return max(0, min(readAhead.events - buffered, window - ahead))
    }

    /// Takes events read from the log, `through` the last sequence read (events the webhook does not
    /// want are finished at once). A gap before or between them (retention deleted events not yet
    /// read; the cursor goes on with the oldest kept) is given up, as `skip(to:)` does.
    mutating func feed(_ items: [DeliveryItem], through last: UInt64) -> [GivenUp] {
        var lost: [GivenUp] = []
        for item in items {
            if item.sequence > nextToRead { lost += skip(to: item.sequence) }
            if isWanted(item) {
                ready.append(item)
                readyBytes += item.body.utf8.count
                if let ahead = wantedAhead, item.sequence <= ahead.through { wantedAhead!.count -= 1 }
            }
            nextToRead = item.sequence + 1
        }
        nextToRead = max(nextToRead, last + 1)
        if let ahead = wantedAhead, ahead.through < nextToRead - 1 { wantedAhead = (nextToRead - 1, 0) }
        refreshBacklog(newest: last)
        return lost
    }

    /// The log no longer has the events before `sequence`: those not yet read are given up (counted,
    /// and returned as runs, leaving out the ones finished before a restart); those read already
    /// are still sent.
    mutating func skip(to sequence: UInt64) -> [GivenUp] {
        guard sequence > nextToRead else { return [] }
        var lost: [GivenUp] = []
        var first = nextToRead
        for run in resumedFrom.finishedAhead + [sequence...sequence] where run.upperBound >= first {
            let end = min(run.lowerBound, sequence)
            if end > first {
                lost.append(GivenUp(sequence: first, reason: GivenUp.retention, count: end - first))
            }
            first = max(first, run.upperBound + 1)
            if first >= sequence { break }
        }
        health.givenUp += Int(lost.reduce(0) { $0 + $1.count })
        nextToRead = sequence
        wantedAhead = nil  // what was counted is gone: count again from here
        return lost
    }

    private func isWanted(_ item: DeliveryItem) -> Bool {
        item.forwardable && settings.wants(item.eventName) && !resumedFrom.isFinished(item.sequence)
    }

    /// The next sequence to count ahead for the backlog: only a webhook with an event filter counts
    /// (for the others every event is wanted).
    var nextToCount: UInt64? {
        guard !settings.events.isEmpty else { return nil }
        return max(nextToRead, (wantedAhead?.through ?? 0) + 1)
    }

    /// Takes events counted ahead of reading, `through` the last sequence counted.
    mutating func countAhead(_ items: [DeliveryItem], through last: UInt64) {
        guard !settings.events.isEmpty else { return }
        var ahead = wantedAhead ?? (nextToRead - 1, 0)
        if ahead.through < nextToRead - 1 { ahead = (nextToRead - 1, 0) }
        for item in items where item.sequence > ahead.through && isWanted(item) { ahead.count += 1 }
        ahead.through = max(ahead.through, last)
        wantedAhead = ahead
    }

    /// Events still to finish: from the position to `newest`, or for a webhook with an event filter
    /// those it wants (the rest of the uncounted ones as they are, until counted).
    private func backlog(newest: UInt64) -> Int {
        guard !settings.events.isEmpty else { return newest >= position ? Int(newest - position + 1) : 0 }
        let held = (ready.count - readyStart) + inFlight.count + retrying.count
        let uncountedFrom = wantedAhead.map { $0.through + 1 } ?? nextToRead
        let uncounted = newest >= uncountedFrom ? Int(clamping: newest - uncountedFrom + 1) : 0
        return held + (wantedAhead?.count ?? 0) + uncounted
    }

    /// The requests to start now: due retries first (oldest first), then new events. While the
    /// webhook is failing, one request at a time probes it; a success restores full concurrency.
    mutating func nextSends(now: Double) -> [DeliveryItem] {
        guard now >= pausedUntil else { return [] }
        let limit = failingSince == nil ? settings.maxInFlight : 1
        var sends: [DeliveryItem] = []
        while inFlight.count < limit, let index = retrying.firstIndex(where: { $0.dueAt <= now }) {
            var attempt = retrying.remove(at: index)
            attempt.attempts += 1
            inFlight[attempt.item.sequence] = attempt
            outcomes.sending(attempt.item.sequence)
            sends.append(attempt.item)
        }
        // Strict order: nothing new while an older event waits for its retry.
        let blocked = settings.maxInFlight == 1 && !retrying.isEmpty
        while !blocked, inFlight.count < limit, readyStart < ready.count {
            let item = ready[readyStart]
            readyStart += 1
            readyBytes -= item.body.utf8.count
            inFlight[item.sequence] = Attempt(item: item, attempts: 1, firstAttemptAt: now)
            outcomes.sending(item.sequence)
            sends.append(item)
        }
        if readyStart > 1024, readyStart * 2 > ready.count {
            ready.removeFirst(readyStart)
            readyStart = 0
        }
        return sends
    }

    /// Ends the wait: every retry is due now and the pause is over (the operator asked, or a test
    /// ping just succeeded). Still one request at a time while the webhook is failing.
    mutating func retryNow(now: Double) {
        for index in retrying.indices { retrying[index].dueAt = min(retrying[index].dueAt, now) }
        pausedUntil = 0
    }

    /// The earliest time a retry or the end of a pause wants the lane looked at again.
    var nextWake: Double? {
        let due = retrying.map(\.dueAt).min()
        guard let due else { return nil }
        return max(due, pausedUntil)
    }

    /// Records the outcome of the request for `sequence`; returns the event if it is given up.
    mutating func finish(_ sequence: UInt64, _ outcome: HTTPOutcome, now: Double, random: Double) -> GivenUp? {
        guard var attempt = inFlight.removeValue(forKey: sequence) else { return nil }
        health.record(outcome, at: Int64(now))
        latencies.record(outcome.latencySeconds * 1000)
        outcomes.record(outcome, sequence: sequence)
        switch RetryPolicy.verdict(of: outcome) {
        case .delivered:
            deliveredTimes.add(at: now)
            failingSince = nil
            pausedUntil = 0
            return nil
        case .refused:
            return giveUp(attempt, reason: "refused: \(outcome.summary)", now: now)
        case .retry:
            failingSince = failingSince ?? now
            lastFailure = outcome.summary
            if now >= deadline(of: attempt.item, firstAttemptAt: attempt.firstAttemptAt) {
                return giveUp(attempt, reason: "still failing after \(Int(policy.maxRetrySeconds)) s: \(outcome.summary)", now: now)
            }
            let delay = policy.delay(afterAttempts: attempt.attempts, retryAfter: outcome.retryAfterSeconds, random: random)
            attempt.dueAt = now + delay
            pausedUntil = max(pausedUntil, attempt.dueAt)
            let index = retrying.firstIndex { $0.item.sequence > sequence } ?? retrying.count
            retrying.insert(attempt, at: index)
            return nil
        }
    }

    /// When `item` is given up: `give-up-after` from its first attempt or, not yet sent (held back
    /// while the webhook fails), from its arrival or the start of the failures, whichever is later.
    private func deadline(of item: DeliveryItem, firstAttemptAt: Double?) -> Double {
        if let firstAttemptAt { return firstAttemptAt + policy.maxRetrySeconds }
        guard let failingSince else { return .infinity }  // it goes out as soon as it can
        return max(failingSince, Double(item.receivedAtMillis) / 1000) + policy.maxRetrySeconds
    }

    /// The first deadline of the events waiting to be sent or for their retry (they are in log
    /// order, which is the order they were received in, all but a few).
    var nextDeadline: Double? {
        var first = Double.infinity
        if readyStart < ready.count { first = deadline(of: ready[readyStart], firstAttemptAt: nil) }
        for attempt in retrying { first = min(first, deadline(of: attempt.item, firstAttemptAt: attempt.firstAttemptAt)) }
        return first.isFinite ? first : nil
    }

    /// Gives up, together, every event waiting to be sent or for its retry whose deadline has come
    /// (`give-up-after` is a deadline: a webhook that is down does not have its events given up one
    /// after another, each when a probe reaches it). Those in flight are given up if they come
    /// back failed.
    mutating func giveUpPastDeadline(now: Double) -> [GivenUp] {
        guard let next = nextDeadline, now >= next else { return [] }
        let reason = "still failing after \(Int(policy.maxRetrySeconds)) s" + (lastFailure.map { ": \($0)" } ?? "")
        var lost: [GivenUp] = []
        while readyStart < ready.count, now >= deadline(of: ready[readyStart], firstAttemptAt: nil) {
            let item = ready[readyStart]
            readyStart += 1
            readyBytes -= item.body.utf8.count
            lost.append(giveUp(Attempt(item: item, attempts: 0, firstAttemptAt: now), reason: reason, now: now))
        }
        var waiting: [Attempt] = []
        for attempt in retrying {
            if now >= deadline(of: attempt.item, firstAttemptAt: attempt.firstAttemptAt) {
                lost.append(giveUp(attempt, reason: reason, now: now))
            } else {
                waiting.append(attempt)
            }
        }
        retrying = waiting
        return lost.sorted { $0.sequence < $1.sequence }
    }

    private mutating func giveUp(_ attempt: Attempt, reason: String, now: Double) -> GivenUp {
        health.givenUp += 1
        lastGivenUpAt = now
        outcomes.giveUp(attempt.item.sequence, reason: reason)
        return GivenUp(sequence: attempt.item.sequence, reason: reason)
    }

    /// Health as of `now`, with `newest` the newest logged sequence.
    func health(now: Double, newest: UInt64) -> WebhookHealth {
        var health = self.health
        health.backlog = backlog(newest: newest)
        health.retrying = retrying.count
        health.nextRetryAt = nextWake
        health.behindSeconds = oldestWaitingMillis.map { max(0, now - Double($0) / 1000) }
        health.p50LatencyMillis = latencies.percentile(0.50)
        health.p99LatencyMillis = latencies.percentile(0.99)
        health.deliveriesPerSecond = deliveredTimes.rate(now: now)
        if let failingSince {
            health.state = now - failingSince >= 60 ? .failing : .retrying
        } else if let lastGivenUpAt, now - lastGivenUpAt < 300 {
            health.state = .failing
        } else if !retrying.isEmpty {
            health.state = .retrying
        }
        return health
    }

    /// When the oldest event read and not yet finished was received.
    private var oldestWaitingMillis: Int64? {
        var oldest: DeliveryItem?
        if readyStart < ready.count { oldest = ready[readyStart] }
        for item in inFlight.values.map(\.item) + retrying.prefix(1).map(\.item) where item.sequence < oldest?.sequence ?? .max {
            oldest = item
        }
        return oldest.flatMap { $0.receivedAtMillis > 0 ? $0.receivedAtMillis : nil }
    }

    private mutating func refreshBacklog(newest: UInt64) {
        health.backlog = backlog(newest: newest)
    }

    /// What became of the event `sequence` (named `eventName`) at this webhook.
    func delivery(of sequence: UInt64, eventName: String) -> EventDelivery {
        if sequence < startSequence { return .notSent }
        if !settings.wants(eventName) { return .notWanted }
        if let attempt = retrying.first(where: { $0.item.sequence == sequence }) {
            return .retrying(attempts: attempt.attempts, dueAt: attempt.dueAt)
        }
        if sequence >= nextToRead || ready[readyStart...].contains(where: { $0.sequence == sequence }) {
            return .queued
        }
        if inFlight[sequence] != nil { return .inFlight }
        // Finished before this lane was made: not sent again, so only the saved place knows.
        return resumedFrom.isFinished(sequence) ? .finished : outcomes.delivery(of: sequence)
    }
}

/// Deliveries per second over the last ten seconds.
struct RateCounter {
    private var buckets: [(second: Int, count: Int)] = []

    mutating func add(at now: Double) {
        let second = Int(now)
        if buckets.last?.second == second {
            buckets[buckets.count - 1].count += 1
        } else {
            buckets.append((second, 1))
            buckets.removeAll { $0.second <= second - 10 }
        }
    }

    func rate(now: Double) -> Double {
        let from = Int(now) - 10
        return Double(buckets.filter { $0.second > from }.reduce(0) { $0 + $1.count }) / 10
    }
}
