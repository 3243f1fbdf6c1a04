import GlusterEvents

/// The rows of the config pane: the three settings gluster-eventsapi manages (editable in place),
/// where eventsdash keeps its files, and where it reports to: Prometheus and Alertmanager (read-only).
enum ConfigItem: Int, CaseIterable, Equatable {
    case port, logLevel, eventsLog, webhooksFile, configFile, stateDirectory, logSize, metrics, alertmanager

    var label: String {
        switch self {
        case .port: ConfigKey.port.rawValue
        case .logLevel: ConfigKey.logLevel.rawValue
        case .eventsLog: "events log"
        case .webhooksFile: "webhooks"
        case .configFile: "config"
        case .stateDirectory: "state dir"
        case .logSize: "event log"
        case .metrics: "metrics"
        case .alertmanager: "alerts"
        }
    }

    /// Paths are cut at the start when too long, keeping the file name.
    var isPath: Bool { self == .webhooksFile || self == .configFile || self == .stateDirectory }

    /// The text an in-place edit starts from, for the settings typed in (nil: not typed in).
    func editText(_ config: EventsConfig) -> String? {
        switch self {
        case .port: String(config.port)
        case .logLevel: config.logLevel
        default: nil
        }
    }

    /// Why a read-only row cannot be edited here, and what changes it.
    var howToChange: String {
        switch self {
        case .webhooksFile, .configFile, .stateDirectory: "start eventsdash with --workdir DIR to use another place"
        case .metrics: "start eventsdash (or serve) with --metrics PORT to serve Prometheus metrics"
        case .alertmanager: "start eventsdash (or serve) with --alertmanager URL to send the health problems to Alertmanager"
        default: "it grows as events are logged"
        }
    }

    /// The config item and value that `text` sets, validated as `config-set` does.
    func setting(from text: String) -> Result<(key: ConfigKey, value: JSONValue), EventsConfig.Problem> {
        switch self {
        case .port: EventsConfig.parseSetting(.port, text: text).map { (.port, $0) }
        case .logLevel: EventsConfig.parseSetting(.logLevel, text: text).map { (.logLevel, $0) }
        case .eventsLog:
            // "on" means the log is written, i.e. disable-events-log is false.
            EventsConfig.parseSetting(.disableEventsLog, text: text).map {
                (.disableEventsLog, .bool(!($0.boolValue ?? false)))
            }
        default: .failure(EventsConfig.Problem(description: "\(label) is read-only here: \(howToChange)"))
        }
    }
}
