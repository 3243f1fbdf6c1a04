import ClusterHealth
import GlusterEvents
import Testing

@Suite struct ForecastTests {
    /// 1 MB a minute on a 100 MB brick, at 40 MB now: full in an hour.
    @Test func aSteadyGrowthReachesItsLimit() throws {
        let samples = (0...10).map { (time: Double($0) * 60, value: 30e6 + Double($0) * 1e6) }
        let forecast = try #require(Forecast(samples, minimumSpan: 300))
        #expect(abs(forecast.slope - 1e6 / 60) < 1e-6 && forecast.fit > 0.999)
        #expect(abs((forecast.reaches(100e6) ?? 0) - (600 + 3600)) < 1)
        #expect(forecast.reaches(10e6) == nil)  // behind it: never
    }

    @Test func anUnclearTrendForecastsNothing() {
        let flat = (0...10).map { (time: Double($0) * 60, value: 50e6) }
        #expect(Forecast(flat, minimumSpan: 300) == nil)
        let noisy = (0...10).map { (time: Double($0) * 60, value: $0 % 2 == 0 ? 10e6 : 90e6) }
        #expect(Forecast(noisy, minimumSpan: 300) == nil)
        let few = (0...3).map { (time: Double($0) * 600, value: Double($0) * 1e6) }
        #expect(Forecast(few, minimumSpan: 300) == nil)  // four samples
        let brief = (0...10).map { (time: Double($0), value: Double($0) * 1e6) }
        #expect(Forecast(brief, minimumSpan: 300) == nil)  // ten seconds
        let shrinking = (0...10).map { (time: Double($0) * 60, value: 90e6 - Double($0) * 1e6) }
        #expect(Forecast(shrinking, minimumSpan: 300)?.reaches(100e6) == nil)
        let huge = (0...10).map { (time: Double($0) * 60, value: Double($0) * 1e300) }
        #expect(Forecast(huge, minimumSpan: 300).map { $0.reaches(.greatestFiniteMagnitude) } ?? nil == nil || true)  // never traps
    }

    /// A brick filling steadily: `brick-full-soon` inside the horizon, `full_at` for it and its
    /// volume; a heal backlog draining: its rate and when it is done.
    @Test func pollsForecastFullBricksAndHealing() throws {
        var settings = ClusterHealth.Settings()
        settings.sampleInterval = 60
        var health = ClusterHealth(settings: settings)
        var volume = VolumeStateTests.volume(VolumeStateTests.replica3)
        volume.name = "gv0"
        for minute in 0...10 {
            let used = UInt64(30_000_000 + minute * 1_000_000)
            for index in volume.bricks.indices {
                volume.bricks[index].space = .init(sizeTotal: 100_000_000, sizeFree: 100_000_000 - used, inodesTotal: 1000, inodesFree: 900)
            }
            let now = Double(minute) * 60
            health.reconcile(.observed(ObservedCluster(volumes: [volume], peers: nil)), at: now, node: "n")
            let pending = 600 - minute * 60  // draining 60 a minute
            health.reconcileHeal(
                volume: "gv0", Dictionary(uniqueKeysWithValues: volume.bricks.map { ($0.name, HealCounts(pending: pending, splitBrain: 0, possiblyHealing: 0)) }),
                at: now)
        }
        let report = health.report(at: 600)
        let listed = try #require(report.volumes.first)
        #expect(abs((listed.fullAt ?? 0) - (600 + 60 * 60)) < 5, "\(String(describing: listed.fullAt))")
        #expect(listed.bricks.allSatisfy { abs(($0.fullAt ?? 0) - 4200) < 5 })
        #expect(abs((listed.healRatePerHour ?? 0) - 3600) < 1 && abs((listed.healDoneAt ?? 0) - 600) < 1)
        let soon = report.problems.filter { $0.id.kind == .brickFullSoon }
        #expect(soon.count == 3 && soon.allSatisfy { $0.severity == .warning && $0.entity["full_in"] == "full in about 1h" })
        #expect(report.status == .warning)
        // the JSON says when
        let json = report.json["volumes"]?.arrayValues?.first
        #expect(json?["full_at"]?.intValue == Int64(listed.fullAt ?? 0) && json?["heal_rate_per_hour"] != .null)
        // samples survive in their file's form
        var restarted = ClusterHealth(settings: settings)
        restarted.loadSamples(try JSONValue.parse(health.samples.json.encoded()))
        #expect(restarted.samples == health.samples)
    }

    @Test func samplesAreTakenAtTheirIntervalWithinTheirWindow() {
        var settings = ClusterHealth.Settings()
        settings.sampleInterval = 60
        var health = ClusterHealth(settings: settings)
        var volume = VolumeStateTests.volume(VolumeLayout(brickCount: 1))
        for second in stride(from: 0, through: 7 * 3600, by: 30) {
            volume.bricks[0].space = .init(sizeTotal: 100, sizeFree: 50, inodesTotal: 0, inodesFree: 0)
            health.reconcile(.observed(ObservedCluster(volumes: [volume], peers: nil)), at: Double(second), node: "n")
        }
        let samples = health.samples.series["brick:h:/b0"] ?? []
        #expect(samples.count == 6 * 60 + 1 && samples.first?.time == 3600)  // a minute apart, six hours
        health.reconcile(.observed(ObservedCluster(volumes: [], peers: nil)), at: 30_000, node: "n")
        #expect(health.samples.series.isEmpty)  // gluster lists it no more
    }
}
