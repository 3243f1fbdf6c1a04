import GlusterEvents

/// Samples of what polling gluster measures — each brick's and volume's used bytes, each volume's
/// heal backlog — kept to forecast from (`Forecast`): one per key every `interval` seconds at most,
/// over the last `window` seconds, for `maxKeys` keys at most. The engine keeps them in a file, so
/// a forecast survives a restart.
public struct SampleBook: Sendable, Equatable {
    public struct Sample: Sendable, Equatable {
        public var time: Double
        public var value: Double
    }

    public var interval: Double
    public var window: Double
    public static let maxKeys = 2_048
    /// Oldest first, by key (`brick:HOST:PATH`, `volume:NAME`, `heal:NAME`).
    public private(set) var series: [String: [Sample]] = [:]

    public init(interval: Double = 300, window: Double = 6 * 3600) {
        self.interval = interval
        self.window = window
    }

    /// Takes `value` for `key` at `time`, unless the last one is less than `interval` old.
    mutating func record(_ key: String, _ value: Double, at time: Double) {
        guard value.isFinite, series[key] != nil || series.count < Self.maxKeys else { return }
        var samples = series[key] ?? []
        if let last = samples.last, time - last.time < interval, time >= last.time { return }
        samples.append(Sample(time: time, value: value))
        samples.removeAll { $0.time < time - window || $0.time > time }
        series[key] = samples
    }

    /// Forgets the keys not in `keys` (what gluster no longer lists).
    mutating func keep(only keys: Set<String>) {
        series = series.filter { keys.contains($0.key) }
    }

    /// The forecast for `key`, when its trend is clear over at least five intervals.
    func forecast(_ key: String) -> Forecast? {
        guard let samples = series[key] else { return nil }
        return Forecast(samples.map { ($0.time, $0.value) }, minimumSpan: 5 * interval)
    }

    /// As kept in the file: `{"interval": S, "window": S, "series": {"KEY": [[time, value], …]}}`.
    public var json: JSONValue {
        .object([
            ("interval", .double(interval)), ("window", .double(window)),
            ("series", .object(series.sorted { $0.key < $1.key }.map { key, samples in
                (key, .array(samples.map { .array([.double($0.time), .double($0.value)]) }))
            })),
        ])
    }

    /// Takes the samples of a file `json` wrote (its own interval and window stay).
    public mutating func load(_ json: JSONValue) {
        guard let members = json["series"]?.objectMembers else { return }
        for (key, value) in members.prefix(Self.maxKeys) {
            let samples = (value.arrayValues ?? []).compactMap { pair -> Sample? in
                guard let values = pair.arrayValues, values.count == 2, let time = values[0].doubleValue, let value = values[1].doubleValue else { return nil }
                return Sample(time: time, value: value)
            }
            if !samples.isEmpty { series[key] = Array(samples.suffix(Int(window / max(1, interval)) + 1)) }
        }
    }
}
